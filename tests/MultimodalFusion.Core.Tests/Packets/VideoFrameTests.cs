using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Core.Tests.Packets;

public sealed class VideoFrameTests
{
    private readonly BufferPool<byte> _pool = new();

    [Fact]
    public void A_frame_is_an_instant_at_its_capture_time()
    {
        using var frame = new VideoFrame(_pool.Rent(640 * 480 * 3), 640, 480, PixelFormat.Bgr24, "cam1", 42, 1_234_567, 40_000);
        Assert.Equal(Modality.Video, frame.Modality);
        Assert.Equal(1_234_567, frame.StartMicros);
        Assert.Equal(1_234_567, frame.EndMicros);
        Assert.Equal(40_000, frame.PtsMicros);
        Assert.Equal(1920, frame.Stride);
        Assert.Equal(640 * 480 * 3, frame.Span.Length);
        Assert.Contains("cam1#42", frame.ToString());
    }

    [Fact]
    public void The_span_covers_exactly_the_frame_even_when_the_buffer_is_larger()
    {
        using var frame = new VideoFrame(_pool.Rent(100), 4, 3, PixelFormat.Gray8, "cam", 0, 0, null);
        Assert.Equal(12, frame.Span.Length);
    }

    [Fact]
    public void A_buffer_too_small_for_the_frame_is_refused_with_the_sizes()
    {
        using PooledBuffer<byte> small = _pool.Rent(100);
        var ex = Assert.Throws<ArgumentException>(() => new VideoFrame(small, 10, 10, PixelFormat.Rgb24, "cam", 0, 0, null));
        Assert.Contains("300", ex.Message);
        Assert.Contains("100", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VideoFrame(small, 0, 10, PixelFormat.Gray8, "cam", 0, 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VideoFrame(small, 10, -1, PixelFormat.Gray8, "cam", 0, 0, null));
        Assert.Throws<ArgumentNullException>(() => new VideoFrame(null!, 1, 1, PixelFormat.Gray8, "cam", 0, 0, null));
    }

    [Fact]
    public void Retain_and_dispose_share_the_pixels_until_the_last_holder_lets_go()
    {
        var frame = new VideoFrame(_pool.Rent(12), 2, 2, PixelFormat.Bgr24, "cam", 0, 0, null);
        VideoFrame second = frame.Retain();
        frame.Dispose();
        Assert.Equal(12, second.Span.Length);
        Assert.Equal(1, _pool.Outstanding);
        second.Dispose();
        Assert.Equal(0, _pool.Outstanding);
        Assert.Throws<ObjectDisposedException>(() => frame.Span.Length);
    }
}
