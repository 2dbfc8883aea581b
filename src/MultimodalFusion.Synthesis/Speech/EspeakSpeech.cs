using System.ComponentModel;
using System.Diagnostics;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace MultimodalFusion.Synthesis.Speech;

/// <summary>Speaks sentences with the espeak-ng command-line synthesiser and returns mono float samples.</summary>
/// <remarks>
/// One short-lived espeak-ng process per sentence (about 0.1-0.2 s each); its WAV (22,050 Hz) comes over
/// stdout and is resampled with NAudio's WDL resampler. espeak-ng is deterministic: the same text and
/// settings give the same samples. Thread-safe (no shared state).
/// </remarks>
public sealed class EspeakSpeech
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly string _executable;

    /// <param name="executable">The espeak-ng binary (a name on PATH or a path).</param>
    /// <param name="sampleRateHz">Rate of the returned samples.</param>
    public EspeakSpeech(string executable = "espeak-ng", int sampleRateHz = 16_000)
    {
        _executable = executable;
        SampleRateHz = sampleRateHz;
    }

    /// <summary>Rate of the samples <see cref="Speak"/> returns.</summary>
    public int SampleRateHz { get; }

    /// <summary>Speaks <paramref name="text"/> with <paramref name="voice"/> (e.g. "en-us", "en+f3") and <paramref name="prosody"/>.</summary>
    /// <returns>Mono samples in [-1, 1] at <see cref="SampleRateHz"/>; the caller owns the array.</returns>
    /// <exception cref="InvalidOperationException">espeak-ng is missing, failed or timed out; the message says which.</exception>
    public float[] Speak(string text, string voice, Prosody prosody)
    {
        var psi = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in (string[])["--stdout", "-v", voice, "-p", prosody.Pitch.ToString(), "-a", prosody.Amplitude.ToString(),
                     "-s", prosody.WordsPerMinute.ToString(), "-g", prosody.WordGap.ToString(), "--", text])
            psi.ArgumentList.Add(a);
        using var wav = new MemoryStream();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"{_executable} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Cannot run '{_executable}' ({e.Message}); install it with: apt-get install espeak-ng", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(wav);
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill();
                throw new InvalidOperationException($"{_executable} did not finish within {s_timeout.TotalSeconds} s for '{text}'.");
            }
            if (process.ExitCode != 0 || wav.Length < 44)
                throw new InvalidOperationException($"{_executable} failed (exit {process.ExitCode}) for voice '{voice}': {stderr.Result.Trim()}");
        }
        wav.Position = 0;
        return Decode(wav);
    }

    private float[] Decode(Stream wav)
    {
        using var reader = new WaveFileReader(wav);
        ISampleProvider samples = reader.ToSampleProvider();
        if (samples.WaveFormat.Channels != 1)
            samples = new StereoToMonoSampleProvider(samples);
        if (samples.WaveFormat.SampleRate != SampleRateHz)
            samples = new WdlResamplingSampleProvider(samples, SampleRateHz);
        var result = new List<float>(capacity: (int)(reader.SampleCount * SampleRateHz / reader.WaveFormat.SampleRate) + 1024);
        var buffer = new float[4096];
        int read;
        while ((read = samples.Read(buffer.AsSpan())) > 0)
            result.AddRange(buffer.AsSpan(0, read));
        return result.ToArray();
    }
}
