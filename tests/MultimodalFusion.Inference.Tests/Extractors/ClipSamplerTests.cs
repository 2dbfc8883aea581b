using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;

namespace MultimodalFusion.Inference.Tests.Extractors;

public sealed class ClipSamplerTests
{
    private const long Span = 1_920_000;

    /// <summary>Frames (1x1 grey pixel) stamped at <paramref name="micros"/>; disposed by the caller.</summary>
    private static List<VideoFrame> At(params long[] micros) =>
        micros.Select((t, i) => new VideoFrame(BufferPool<byte>.Shared.Rent(1), 1, 1, PixelFormat.Gray8, "s", i, t, null)).ToList();

    private static int[] Picks(List<VideoFrame> frames, long start, long end, int count = 16)
    {
        var picks = new int[count];
        Assert.True(ClipSampler.Sample(frames, start, end, picks));
        frames.ForEach(f => f.Dispose());
        return picks;
    }

    [Fact]
    public void Forty_eight_frames_give_every_third_frame_at_slot_centres()
    {
        int[] picks = Picks(At(Enumerable.Range(0, 48).Select(i => i * Span / 48).ToArray()), 0, Span);
        Assert.Equal(Enumerable.Range(0, 16).Select(k => 3 * k + 1), picks);   // centre ties between 3k+1 and 3k+2: earlier wins
    }

    [Fact]
    public void Sixteen_frames_give_each_frame_once()
    {
        int[] picks = Picks(At(Enumerable.Range(0, 16).Select(i => 500_000 + i * Span / 16).ToArray()), 500_000, 500_000 + Span);
        Assert.Equal(Enumerable.Range(0, 16), picks);
    }

    [Fact]
    public void Five_frames_repeat_the_nearest_and_frames_outside_the_span_are_skipped()
    {
        // One frame before the span and one at its (exclusive) end: neither may be picked.
        long[] times = [-10_000, .. Enumerable.Range(0, 5).Select(i => i * Span / 5), Span];
        int[] picks = Picks(At(times), 0, Span);
        Assert.Equal([1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 5], picks);
    }

    [Fact]
    public void No_frame_in_the_span_is_absent()
    {
        List<VideoFrame> frames = At(0, 40_000);
        var picks = new int[16];
        Assert.False(ClipSampler.Sample(frames, 40_001, 100_000, picks));
        Assert.False(ClipSampler.Sample([], 0, 100_000, picks));
        Assert.True(ClipSampler.Sample(frames, 40_000, 100_000, picks));
        Assert.All(picks, p => Assert.Equal(1, p));
        frames.ForEach(f => f.Dispose());
    }
}
