using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Tests.Support;

namespace MultimodalFusion.Pipeline.Tests.Alignment;

/// <summary>Shared set-up for aligner tests: W = 2 s, H = 0.5 s, deadline 0.5 s, a manual clock, private pools.</summary>
public abstract class AlignerTestBase : IDisposable
{
    /// <summary>One second in microseconds.</summary>
    protected const long S = Micros.PerSecond;

    /// <summary>Where the first video frame lands: the grid origin.</summary>
    protected const long Origin = 10 * S;

    private readonly List<AlignedWindow> _taken = [];

    internal TestPackets Packets { get; } = new();

    protected ManualClock Clock { get; } = new(Origin);

    protected static AlignerOptions Options(ModalityMask expected = ModalityMask.Video | ModalityMask.Audio) => new()
    {
        Window = TimeSpan.FromSeconds(2),
        Hop = TimeSpan.FromSeconds(0.5),
        Deadline = TimeSpan.FromSeconds(0.5),
        Expected = expected,
    };

    protected WindowAligner NewAligner(ModalityMask expected = ModalityMask.Video | ModalityMask.Audio) => new(Options(expected), Clock);

    /// <summary>Everything ready in <paramref name="aligner"/>; disposed at the end of the test.</summary>
    protected List<AlignedWindow> Take(WindowAligner aligner)
    {
        var windows = new List<AlignedWindow>();
        while (aligner.TryDequeue(out AlignedWindow window))
            windows.Add(window);
        _taken.AddRange(windows);
        return windows;
    }

    /// <summary>Adds the packets and returns every window that became ready.</summary>
    protected List<AlignedWindow> AddAll(WindowAligner aligner, IEnumerable<ITimedPacket> packets)
    {
        foreach (ITimedPacket packet in packets)
            aligner.Add(packet);
        return Take(aligner);
    }

    /// <summary>Video at 10 fps and 16 kHz audio in 100 ms chunks over [Origin, Origin + seconds), interleaved in time order.</summary>
    protected IEnumerable<ITimedPacket> AudioVideo(double seconds)
    {
        for (int i = 0; i < seconds * 10; i++)
        {
            yield return Packets.Frame(Origin + i * 100_000);
            yield return Packets.Chunk(i * 1600L, 1600, streamStartMicros: Origin);
        }
    }

    /// <summary>A window's audio, mono, exactly as <see cref="AlignedWindow.CopyAudioMono"/> cuts it.</summary>
    protected static float[] MonoAudio(AlignedWindow window)
    {
        var samples = new float[window.AudioSampleCount];
        Assert.Equal(samples.Length, window.CopyAudioMono(samples));
        return samples;
    }

    public void Dispose()
    {
        foreach (AlignedWindow window in _taken)
            window.Dispose();
    }
}
