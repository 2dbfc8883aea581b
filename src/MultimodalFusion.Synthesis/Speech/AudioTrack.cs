using NAudio.Wave;

namespace MultimodalFusion.Synthesis.Speech;

/// <summary>A mono track being assembled in memory (float samples), written once as 16-bit PCM WAV.</summary>
/// <remarks>Owns its sample array for its lifetime. Not thread-safe (one per video).</remarks>
public sealed class AudioTrack
{
    private readonly float[] _samples;

    /// <summary>A silent track of <paramref name="duration"/> at <paramref name="sampleRateHz"/>.</summary>
    public AudioTrack(TimeSpan duration, int sampleRateHz)
    {
        SampleRateHz = sampleRateHz;
        _samples = new float[(int)Math.Round(duration.TotalSeconds * sampleRateHz)];
    }

    /// <summary>Samples per second.</summary>
    public int SampleRateHz { get; }

    /// <summary>The samples (read-only view; valid while this track lives).</summary>
    public ReadOnlySpan<float> Samples => _samples;

    /// <summary>Index of the sample at <paramref name="time"/> (clamped to the track).</summary>
    public int IndexOf(TimeSpan time) => Math.Clamp((int)Math.Round(time.TotalSeconds * SampleRateHz), 0, _samples.Length);

    /// <summary>Mixes <paramref name="clip"/> in at <paramref name="start"/>, scaled by <paramref name="gain"/>; what runs past <paramref name="end"/> is dropped.</summary>
    /// <returns>How long the mixed part lasts.</returns>
    public TimeSpan Mix(ReadOnlySpan<float> clip, TimeSpan start, TimeSpan end, float gain = 1f)
    {
        int from = IndexOf(start), to = IndexOf(end);
        int n = Math.Min(clip.Length, to - from);
        for (int i = 0; i < n; i++)
            _samples[from + i] += clip[i] * gain;
        return TimeSpan.FromSeconds((double)Math.Max(0, n) / SampleRateHz);
    }

    /// <summary>Adds low-passed ("brown-ish") noise of RMS about <paramref name="level"/> over [start, end).</summary>
    public void AddAmbience(Random random, TimeSpan start, TimeSpan end, double level)
    {
        int from = IndexOf(start), to = IndexOf(end);
        double state = 0;
        for (int i = from; i < to; i++)
        {
            state = 0.97 * state + 0.03 * random.Gaussian();
            _samples[i] += (float)(state * level * 4.1);
        }
    }

    /// <summary>Adds a decaying noise burst (an impact, a crash) of peak <paramref name="peak"/> at <paramref name="at"/>.</summary>
    public void AddBurst(Random random, TimeSpan at, TimeSpan length, double peak)
    {
        int from = IndexOf(at), to = IndexOf(at + length);
        double decay = Math.Exp(-5.0 / Math.Max(1, to - from));
        double envelope = peak;
        for (int i = from; i < to; i++, envelope *= decay)
            _samples[i] += (float)(envelope * (2 * random.NextDouble() - 1));
    }

    /// <summary>Writes the track as 16-bit PCM mono WAV (samples clipped to [-1, 1]).</summary>
    public void WriteWav(string path)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(SampleRateHz, 16, 1));
        var pcm = new byte[_samples.Length * 2];
        for (int i = 0; i < _samples.Length; i++)
        {
            short s = (short)Math.Round(Math.Clamp(_samples[i], -1f, 1f) * short.MaxValue);
            pcm[2 * i] = (byte)s;
            pcm[2 * i + 1] = (byte)(s >> 8);
        }
        writer.Write(pcm, 0, pcm.Length);
    }
}
