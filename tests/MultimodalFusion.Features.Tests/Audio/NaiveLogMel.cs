namespace MultimodalFusion.Features.Tests.Audio;

/// <summary>
/// A deliberately plain double-precision reference of torchaudio's MelSpectrogram + log: explicit reflect-padded copy,
/// dense filter matrix in torchaudio's slope form, O(n²) DFT. Shares no code with the frontend under test.
/// </summary>
internal static class NaiveLogMel
{
    /// <summary>[frames][mels] log-mel values of <paramref name="x"/>.</summary>
    public static double[][] Compute(float[] x, int rate, int nFft, int winLength, int hop, int nMels, double offset = 1e-6)
    {
        int pad = nFft / 2;
        var padded = new double[x.Length + 2 * pad];
        for (int i = 0; i < padded.Length; i++)
        {
            int j = i - pad;
            if (j < 0) j = -j;
            if (j >= x.Length) j = 2 * x.Length - 2 - j;
            padded[i] = x[j];
        }
        var window = new double[nFft];
        int left = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++)
            window[left + i] = 0.5 * (1 - Math.Cos(2 * Math.PI * i / winLength));
        double[,] fb = FilterBank(rate, nFft, nMels);
        int frames = (padded.Length - nFft) / hop + 1;
        int nFreq = nFft / 2 + 1;
        var result = new double[frames][];
        for (int t = 0; t < frames; t++)
        {
            var power = new double[nFreq];
            for (int k = 0; k < nFreq; k++)
            {
                double re = 0, im = 0;
                for (int n = 0; n < nFft; n++)
                {
                    double v = padded[t * hop + n] * window[n];
                    double a = -2 * Math.PI * ((long)k * n % nFft) / nFft;
                    re += v * Math.Cos(a);
                    im += v * Math.Sin(a);
                }
                power[k] = re * re + im * im;
            }
            result[t] = new double[nMels];
            for (int m = 0; m < nMels; m++)
            {
                double sum = 0;
                for (int k = 0; k < nFreq; k++)
                    sum += fb[k, m] * power[k];
                result[t][m] = Math.Log(sum + offset);
            }
        }
        return result;
    }

    /// <summary>torchaudio.functional.melscale_fbanks(n_freqs, 0, rate/2, n_mels, rate, norm=None, mel_scale="htk"): [n_freqs, n_mels].</summary>
    public static double[,] FilterBank(int rate, int nFft, int nMels)
    {
        int nFreq = nFft / 2 + 1;
        double mMax = 2595 * Math.Log10(1 + rate / 2.0 / 700);
        var fPts = new double[nMels + 2];
        for (int i = 0; i < fPts.Length; i++)
            fPts[i] = 700 * (Math.Pow(10, mMax * i / (nMels + 1) / 2595) - 1);
        var fb = new double[nFreq, nMels];
        for (int k = 0; k < nFreq; k++)
        {
            double f = rate / 2.0 * k / (nFreq - 1);
            for (int m = 0; m < nMels; m++)
            {
                double down = -(fPts[m] - f) / (fPts[m + 1] - fPts[m]);
                double up = (fPts[m + 2] - f) / (fPts[m + 2] - fPts[m + 1]);
                fb[k, m] = Math.Max(0, Math.Min(down, up));
            }
        }
        return fb;
    }
}
