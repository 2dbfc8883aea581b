using System.Buffers;

namespace MultimodalFusion.Core.Buffers;

/// <summary>Rents reference-counted buffers backed by an <see cref="ArrayPool{T}"/> and counts what is out.</summary>
/// <remarks>
/// Ownership rules, for every buffer this pool hands out:
/// <list type="number">
/// <item>The caller of <see cref="Rent"/> owns one reference and must release it exactly once
/// (<see cref="PooledBuffer{T}.Dispose"/>).</item>
/// <item>Whoever passes a buffer on without keeping it hands its reference over; whoever keeps it
/// as well (fan-out, a window that holds a frame) first takes a reference of its own with
/// <see cref="PooledBuffer{T}.Retain"/>.</item>
/// <item>When the last reference is released the array goes back to the pool; from then on
/// <see cref="PooledBuffer{T}.Span"/> throws, and no Span or Memory taken earlier may be used.</item>
/// <item>A bounded channel that drops an item releases the item's reference (see the pipeline's
/// channel factory), so a drop never leaks.</item>
/// </list>
/// Thread-safe. <see cref="Outstanding"/> lets tests prove that nothing leaked.
/// </remarks>
public sealed class BufferPool<T>
{
    private readonly ArrayPool<T> _arrays;
    private long _outstanding;
    private long _rented;

    /// <summary>A pool over <paramref name="arrays"/> (default: <see cref="ArrayPool{T}.Shared"/>).</summary>
    public BufferPool(ArrayPool<T>? arrays = null) => _arrays = arrays ?? ArrayPool<T>.Shared;

    /// <summary>The process-wide pool for <typeparamref name="T"/>.</summary>
    public static BufferPool<T> Shared { get; } = new();

    /// <summary>Buffers rented and not yet returned.</summary>
    public long Outstanding => Interlocked.Read(ref _outstanding);

    /// <summary>Buffers rented since creation.</summary>
    public long TotalRented => Interlocked.Read(ref _rented);

    /// <summary>Rents a buffer of exactly <paramref name="length"/> usable elements (contents undefined).</summary>
    public PooledBuffer<T> Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Interlocked.Increment(ref _outstanding);
        Interlocked.Increment(ref _rented);
        return new PooledBuffer<T>(this, _arrays.Rent(length), length);
    }

    internal void Return(T[] array)
    {
        _arrays.Return(array);
        Interlocked.Decrement(ref _outstanding);
    }
}
