using NAudio.Wave;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Averages the interleaved channels of a float sample provider into one channel.</summary>
/// <remarks>Works for any channel count (NAudio's StereoToMonoSampleProvider takes exactly two). Not thread-safe.</remarks>
internal sealed class MonoMixSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _scratch = [];

    public MonoMixSampleProvider(ISampleProvider source)
    {
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(Span<float> buffer)
    {
        int needed = buffer.Length * _channels;
        if (_scratch.Length < needed)
            _scratch = new float[needed];
        int read = _source.Read(_scratch.AsSpan(0, needed));
        int frames = read / _channels;
        float scale = 1f / _channels;
        for (int f = 0; f < frames; f++)
        {
            float sum = 0;
            int b = f * _channels;
            for (int c = 0; c < _channels; c++)
                sum += _scratch[b + c];
            buffer[f] = sum * scale;
        }
        return frames;
    }
}
