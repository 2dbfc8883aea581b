using MultimodalFusion.Core.Buffers;

namespace MultimodalFusion.Core.Tests.Buffers;

public sealed class BufferPoolTests
{
    private readonly BufferPool<byte> _pool = new();

    [Fact]
    public void Rent_gives_exactly_the_length_asked_and_counts_it()
    {
        using PooledBuffer<byte> buffer = _pool.Rent(1000);
        Assert.Equal(1000, buffer.Length);
        Assert.Equal(1000, buffer.Span.Length);
        Assert.Equal(1000, buffer.Memory.Length);
        Assert.True(buffer.Array.Length >= 1000);
        Assert.Equal(1, _pool.Outstanding);
        Assert.Equal(1, _pool.TotalRented);
    }

    [Fact]
    public void The_last_release_returns_the_buffer_and_later_use_throws()
    {
        PooledBuffer<byte> buffer = _pool.Rent(16);
        buffer.Span.Fill(7);
        buffer.Retain();
        buffer.Retain();

        buffer.Dispose();
        buffer.Dispose();
        Assert.False(buffer.IsReleased);
        Assert.Equal(7, buffer.Span[15]);
        Assert.Equal(1, _pool.Outstanding);

        buffer.Dispose();
        Assert.True(buffer.IsReleased);
        Assert.Equal(0, _pool.Outstanding);
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => buffer.Memory);
        Assert.Throws<ObjectDisposedException>(() => buffer.Retain());

        buffer.Dispose(); // extra releases are ignored
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public void Negative_lengths_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _pool.Rent(-1));
        Assert.Equal(0, _pool.Outstanding);
    }

    [Fact]
    public async Task Concurrent_retain_and_release_return_every_buffer_once()
    {
        var buffers = Enumerable.Range(0, 1000).Select(_ => _pool.Rent(64)).ToArray();
        // Four holders each take and release a reference; then the renter releases its own.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            foreach (var b in buffers)
                b.Retain();
            foreach (var b in buffers)
                b.Dispose();
        })));
        Assert.Equal(1000, _pool.Outstanding);
        foreach (var b in buffers)
            b.Dispose();
        Assert.Equal(0, _pool.Outstanding);
        Assert.All(buffers, b => Assert.True(b.IsReleased));
    }
}
