using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Capture.Tests.Audio;

/// <summary>Runs audio sources to the end and inspects what they produced.</summary>
internal static class AudioTestHelpers
{
    /// <summary>Runs <paramref name="source"/> once into an unbounded channel and returns every chunk (caller disposes).</summary>
    public static async Task<List<AudioChunk>> RunToEndAsync(IPacketSource<AudioChunk> source, TimeSpan? timeout = null)
    {
        var channel = Channel.CreateUnbounded<AudioChunk>();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await source.RunAsync(channel.Writer, cts.Token);
        channel.Writer.Complete();
        var chunks = new List<AudioChunk>();
        await foreach (var c in channel.Reader.ReadAllAsync())
            chunks.Add(c);
        return chunks;
    }

    /// <summary>All samples of <paramref name="chunks"/> concatenated.</summary>
    public static float[] Concat(IEnumerable<AudioChunk> chunks) => chunks.SelectMany(c => c.Span.ToArray()).ToArray();

    /// <summary>goforward.raw (16 kHz s16le mono) as floats.</summary>
    public static float[] ReadRawS16(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        return samples;
    }

    /// <summary>Pearson correlation of the common prefix of two signals, best over lags in [-maxLag, maxLag].</summary>
    public static double BestCorrelation(float[] a, float[] b, int maxLag)
    {
        double best = double.MinValue;
        for (int lag = -maxLag; lag <= maxLag; lag++)
        {
            int start = Math.Max(0, -lag), n = Math.Min(a.Length, b.Length - lag) - start;
            if (n <= 0)
                continue;
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int i = start; i < start + n; i++)
            {
                double x = a[i], y = b[i + lag];
                sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
            }
            double cov = sab - sa * sb / n, va = saa - sa * sa / n, vb = sbb - sb * sb / n;
            best = Math.Max(best, cov / Math.Sqrt(va * vb));
        }
        return best;
    }

    /// <summary>Asserts that chunks are numbered without gaps and each starts where the previous ended.</summary>
    public static void AssertContiguous(IReadOnlyList<AudioChunk> chunks)
    {
        for (int i = 1; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i - 1].Sequence + 1, chunks[i].Sequence);
            Assert.Equal(chunks[i - 1].FirstSampleIndex + chunks[i - 1].FrameCount, chunks[i].FirstSampleIndex);
            Assert.Equal(chunks[i - 1].EndMicros, chunks[i].StartMicros);
        }
    }
}
