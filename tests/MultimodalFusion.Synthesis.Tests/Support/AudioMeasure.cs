using NAudio.Wave;

namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>Measurements on the written WAV files.</summary>
internal static class AudioMeasure
{
    /// <summary>Reads a mono WAV as floats; asserts its format.</summary>
    public static (float[] Samples, int Rate) Read(string path)
    {
        using var reader = new WaveFileReader(path);
        Assert.Equal(1, reader.WaveFormat.Channels);
        Assert.Equal(16, reader.WaveFormat.BitsPerSample);
        var provider = reader.ToSampleProvider();
        var samples = new float[reader.SampleCount];
        int read = 0, n;
        while ((n = provider.Read(samples.AsSpan(read))) > 0)
            read += n;
        return (samples, reader.WaveFormat.SampleRate);
    }

    /// <summary>RMS over [start, end) seconds.</summary>
    public static double Rms(float[] samples, int rate, double start, double end)
    {
        int a = Math.Clamp((int)(start * rate), 0, samples.Length), b = Math.Clamp((int)(end * rate), 0, samples.Length);
        double sum = 0;
        for (int i = a; i < b; i++)
            sum += samples[i] * samples[i];
        return b > a ? Math.Sqrt(sum / (b - a)) : 0;
    }

    /// <summary>
    /// Median fundamental frequency (Hz) over [start, end): per 40 ms frame with enough energy, the autocorrelation
    /// peak in the 70-400 Hz lag range; NaN when no frame is voiced.
    /// </summary>
    public static double MedianPitchHz(float[] samples, int rate, double start, double end)
    {
        int frame = (int)(0.04 * rate), minLag = rate / 400, maxLag = rate / 70;
        var pitches = new List<double>();
        double loudest = Rms(samples, rate, start, end);
        for (int a = (int)(start * rate); a + frame + maxLag < Math.Min(samples.Length, (int)(end * rate)); a += frame / 2)
        {
            double energy = 0;
            for (int i = 0; i < frame; i++)
                energy += samples[a + i] * samples[a + i];
            if (Math.Sqrt(energy / frame) < 0.7 * loudest)
                continue;
            double best = 0;
            int bestLag = 0;
            for (int lag = minLag; lag <= maxLag; lag++)
            {
                double c = 0;
                for (int i = 0; i < frame; i++)
                    c += samples[a + i] * samples[a + i + lag];
                if (c > best)
                    (best, bestLag) = (c, lag);
            }
            if (bestLag > 0 && best > 0.3 * energy)
                pitches.Add((double)rate / bestLag);
        }
        if (pitches.Count == 0)
            return double.NaN;
        pitches.Sort();
        return pitches[pitches.Count / 2];
    }
}
