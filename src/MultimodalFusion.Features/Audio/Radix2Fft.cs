namespace MultimodalFusion.Features.Audio;

/// <summary>An in-place iterative radix-2 complex FFT of one fixed power-of-two size, in double precision.</summary>
/// <remarks>
/// Twiddles and the bit-reversal table are computed once in the constructor; <see cref="Forward"/> allocates nothing.
/// Immutable after construction, so one plan may serve several threads (each with its own data arrays).
/// </remarks>
public sealed class Radix2Fft
{
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly int[] _reversed;

    /// <summary>A plan for transforms of <paramref name="size"/> points (a power of two).</summary>
    public Radix2Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0)
            throw new ArgumentException($"FFT size {size} is not a power of two ≥ 2.", nameof(size));
        Size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int k = 0; k < size / 2; k++)
        {
            double angle = -2.0 * Math.PI * k / size;
            _cos[k] = Math.Cos(angle);
            _sin[k] = Math.Sin(angle);
        }
        int bits = System.Numerics.BitOperations.Log2((uint)size);
        _reversed = new int[size];
        for (int i = 0; i < size; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++)
                r |= ((i >> b) & 1) << (bits - 1 - b);
            _reversed[i] = r;
        }
    }

    /// <summary>Number of points.</summary>
    public int Size { get; }

    /// <summary>Forward transform <c>X[k] = Σ x[n] e^(-2πikn/N)</c> in place over <paramref name="re"/> and <paramref name="im"/> (each <see cref="Size"/> long).</summary>
    public void Forward(Span<double> re, Span<double> im)
    {
        if (re.Length != Size || im.Length != Size)
            throw new ArgumentException($"The FFT plan is for {Size} points; got {re.Length} real and {im.Length} imaginary values.");
        for (int i = 0; i < Size; i++)
        {
            int j = _reversed[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int half = 1; half < Size; half <<= 1)
        {
            int stride = Size / (2 * half);
            for (int start = 0; start < Size; start += 2 * half)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * stride], wi = _sin[k * stride];
                    int a = start + k, b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
