namespace MultimodalFusion.Core.Buffers;

/// <summary>A reference-counted slice of a pooled array; see <see cref="BufferPool{T}"/> for the ownership rules.</summary>
/// <remarks>
/// <see cref="Span"/> and <see cref="Memory"/> are valid only while the caller holds a reference.
/// <see cref="Retain"/> and <see cref="Dispose"/> are thread-safe; writing the contents is not, and
/// is done by the producer before it publishes the buffer.
/// </remarks>
public sealed class PooledBuffer<T> : IDisposable
{
    private readonly BufferPool<T> _pool;
    private T[]? _array;
    private int _references = 1;

    internal PooledBuffer(BufferPool<T> pool, T[] array, int length)
    {
        _pool = pool;
        _array = array;
        Length = length;
    }

    /// <summary>Number of usable elements.</summary>
    public int Length { get; }

    /// <summary>True once the last reference was released.</summary>
    public bool IsReleased => Volatile.Read(ref _array) is null;

    /// <summary>The usable elements; throws once released.</summary>
    public Span<T> Span => new(Array, 0, Length);

    /// <summary>The usable elements as Memory; valid only while a reference is held.</summary>
    public Memory<T> Memory => new(Array, 0, Length);

    /// <summary>The backing array (may be longer than <see cref="Length"/>); for APIs that want an array.</summary>
    public T[] Array => Volatile.Read(ref _array) ?? throw new ObjectDisposedException(nameof(PooledBuffer<T>), "The buffer went back to its pool.");

    /// <summary>Takes one more reference; the caller must <see cref="Dispose"/> it once.</summary>
    public PooledBuffer<T> Retain()
    {
        while (true)
        {
            int current = Volatile.Read(ref _references);
            if (current <= 0)
                throw new ObjectDisposedException(nameof(PooledBuffer<T>), "Cannot retain a buffer that went back to its pool.");
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
                return this;
        }
    }

    /// <summary>Releases one reference; the last one returns the array to the pool. Calls after that are ignored.</summary>
    public void Dispose()
    {
        while (true)
        {
            int current = Volatile.Read(ref _references);
            if (current <= 0)
                return;
            if (Interlocked.CompareExchange(ref _references, current - 1, current) != current)
                continue;
            if (current == 1 && Interlocked.Exchange(ref _array, null) is { } array)
                _pool.Return(array);
            return;
        }
    }
}
