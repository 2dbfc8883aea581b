using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Text;

/// <summary>Cuts a 16 kHz mono audio stream into utterances by frame energy (threshold + hangover + pre-roll).</summary>
/// <remarks>
/// Frames are 20 ms; each frame's time is that of its first sample, taken from the chunk it came from
/// (<c>StreamStartMicros + (FirstSampleIndex + offset) / 16 kHz</c>), so utterance bounds are exact even
/// across chunk boundaries. Chunks are only read, never kept or disposed. Not thread-safe.
/// </remarks>
public sealed class UtteranceSegmenter
{
    private const int FrameSamples = AudioFormat.SampleRateHz / 50;
    private readonly VadOptions _options;
    private readonly double _thresholdSquare;
    private readonly int _hangoverFrames, _preRollFrames, _minSpeechFrames, _maxFrames;
    private readonly Queue<(float[] Samples, long Start)> _preRoll = new();
    private readonly List<(float[] Samples, long Start)> _utterance = [];
    private float[] _frame = new float[FrameSamples];
    private int _filled;
    private long _frameStart;
    private int _silentRun, _speechFrames;

    /// <summary>Creates the detector.</summary>
    public UtteranceSegmenter(VadOptions? options = null)
    {
        _options = options ?? new VadOptions();
        double amplitude = Math.Pow(10, _options.ThresholdDbfs / 20);
        _thresholdSquare = amplitude * amplitude;
        _hangoverFrames = Frames(_options.EffectiveHangover);
        _preRollFrames = Frames(_options.EffectivePreRoll);
        _minSpeechFrames = Frames(_options.EffectiveMinSpeech);
        _maxFrames = Math.Max(1, Frames(_options.EffectiveMaxUtterance));
    }

    /// <summary>True while an utterance is open.</summary>
    public bool InSpeech => _utterance.Count > 0;

    /// <summary>Feeds one 16 kHz mono chunk and adds every utterance it completed to <paramref name="completed"/>.</summary>
    public void Process(AudioChunk chunk, List<Utterance> completed)
    {
        if (chunk.SampleRateHz != AudioFormat.SampleRateHz || chunk.Channels != 1)
            throw new ArgumentException($"UtteranceSegmenter needs 16 kHz mono audio; {chunk} is not.", nameof(chunk));
        ReadOnlySpan<float> samples = chunk.Span;
        for (int i = 0; i < samples.Length; i++)
        {
            if (_filled == 0)
                _frameStart = chunk.StreamStartMicros + Micros.FromSamples(chunk.FirstSampleIndex + i, AudioFormat.SampleRateHz);
            _frame[_filled++] = samples[i];
            if (_filled == FrameSamples)
            {
                OnFrame(_frame, _frameStart, completed);
                _frame = new float[FrameSamples];
                _filled = 0;
            }
        }
    }

    /// <summary>Ends the stream: returns the open utterance, if it holds enough speech.</summary>
    public Utterance? Flush()
    {
        _filled = 0;
        _preRoll.Clear();
        return Close();
    }

    private void OnFrame(float[] frame, long start, List<Utterance> completed)
    {
        double energy = 0;
        foreach (float s in frame)
            energy += s * s;
        bool loud = energy / frame.Length > _thresholdSquare;
        if (!InSpeech)
        {
            if (!loud)
            {
                _preRoll.Enqueue((frame, start));
                while (_preRoll.Count > _preRollFrames)
                    _preRoll.Dequeue();
                return;
            }
            _utterance.AddRange(_preRoll);
            _preRoll.Clear();
            _silentRun = 0;
            _speechFrames = 0;
        }
        _utterance.Add((frame, start));
        if (loud)
        {
            _speechFrames++;
            _silentRun = 0;
        }
        else
        {
            _silentRun++;
        }
        if (_silentRun >= _hangoverFrames || _utterance.Count >= _maxFrames)
        {
            if (Close() is { } utterance)
                completed.Add(utterance);
        }
    }

    private Utterance? Close()
    {
        if (_utterance.Count == 0)
            return null;
        var frames = _utterance.ToArray();
        int speech = _speechFrames;
        _utterance.Clear();
        _speechFrames = 0;
        _silentRun = 0;
        if (speech < Math.Max(1, _minSpeechFrames))
            return null;
        var samples = new float[frames.Length * FrameSamples];
        for (int f = 0; f < frames.Length; f++)
            frames[f].Samples.CopyTo(samples, f * FrameSamples);
        long end = frames[^1].Start + Micros.FromSamples(FrameSamples, AudioFormat.SampleRateHz);
        return new Utterance(samples, frames[0].Start, end, Micros.FromSamples((long)speech * FrameSamples, AudioFormat.SampleRateHz));
    }

    private static int Frames(TimeSpan span) => (int)Math.Round(span / VadOptions.FrameDuration);
}
