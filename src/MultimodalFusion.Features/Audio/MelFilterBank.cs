namespace MultimodalFusion.Features.Audio;

/// <summary>
/// Triangular mel filters over the one-sided spectrum, built as torchaudio's <c>melscale_fbanks</c> builds them with
/// <c>mel_scale="htk"</c> and <c>norm=None</c>.
/// </summary>
/// <remarks>
/// Stored sparsely: filter m covers bins <c>[First(m), First(m) + Weights(m).Length)</c>. Low filters can be all zero when
/// n_fft is small relative to the bin count (torchaudio warns about the same); their energy is 0 and their log is
/// log(offset). Immutable after construction; safe to share.
/// </remarks>
public sealed class MelFilterBank
{
    private readonly int[] _first;
    private readonly double[][] _weights;

    /// <summary>Filters for <paramref name="melBins"/> bins over <paramref name="fftSize"/>/2+1 frequency bins of <paramref name="sampleRateHz"/>.</summary>
    public MelFilterBank(int sampleRateHz, int fftSize, int melBins, double minHz, double maxHz)
    {
        int frequencies = fftSize / 2 + 1;
        FrequencyBins = frequencies;
        MelBins = melBins;
        double melMin = HzToMel(minHz), melMax = HzToMel(maxHz);
        // n_mels + 2 edge points, equally spaced in mel, converted back to Hz.
        var edges = new double[melBins + 2];
        for (int i = 0; i < edges.Length; i++)
            edges[i] = MelToHz(melMin + (melMax - melMin) * i / (melBins + 1));
        _first = new int[melBins];
        _weights = new double[melBins][];
        var row = new double[frequencies];
        for (int m = 0; m < melBins; m++)
        {
            int first = -1, last = -1;
            for (int k = 0; k < frequencies; k++)
            {
                // torch.linspace(0, rate / 2, n_freqs): bin k sits at k * (rate / 2) / (n_freqs - 1) Hz.
                double f = (double)k * (sampleRateHz / 2.0) / (frequencies - 1);
                double down = (f - edges[m]) / (edges[m + 1] - edges[m]);
                double up = (edges[m + 2] - f) / (edges[m + 2] - edges[m + 1]);
                row[k] = Math.Max(0, Math.Min(down, up));
                if (row[k] > 0)
                {
                    if (first < 0)
                        first = k;
                    last = k;
                }
            }
            _first[m] = Math.Max(first, 0);
            _weights[m] = first < 0 ? [] : row[first..(last + 1)];
        }
    }

    /// <summary>Number of one-sided frequency bins (n_fft / 2 + 1).</summary>
    public int FrequencyBins { get; }

    /// <summary>Number of mel filters.</summary>
    public int MelBins { get; }

    /// <summary>The first frequency bin filter <paramref name="mel"/> covers.</summary>
    public int First(int mel) => _first[mel];

    /// <summary>The non-zero weights of filter <paramref name="mel"/>, starting at <see cref="First"/>.</summary>
    public ReadOnlySpan<double> Weights(int mel) => _weights[mel];

    /// <summary>The filter's centre frequency in Hz (its peak).</summary>
    public static double CenterHz(int mel, int melBins, double minHz, double maxHz)
    {
        double melMin = HzToMel(minHz), melMax = HzToMel(maxHz);
        return MelToHz(melMin + (melMax - melMin) * (mel + 1) / (melBins + 1));
    }

    /// <summary>HTK mel scale: <c>2595 log10(1 + f / 700)</c>.</summary>
    public static double HzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    /// <summary>Inverse of <see cref="HzToMel"/>.</summary>
    public static double MelToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>Applies the filters to a power spectrum of <see cref="FrequencyBins"/> values, writing <see cref="MelBins"/> energies.</summary>
    public void Apply(ReadOnlySpan<double> power, Span<double> mel)
    {
        for (int m = 0; m < _weights.Length; m++)
        {
            ReadOnlySpan<double> w = _weights[m];
            ReadOnlySpan<double> p = power.Slice(_first[m], w.Length);
            double sum = 0;
            for (int k = 0; k < w.Length; k++)
                sum += w[k] * p[k];
            mel[m] = sum;
        }
    }
}
