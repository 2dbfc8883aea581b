using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Inference.Tests.Stages;

/// <summary>Real speech and a tiny audio-encoder graph for the audio stage tests.</summary>
internal static class TestAudio
{
    /// <summary>The samples of a 16-bit PCM mono WAV file as floats in [-1, 1) (walks the RIFF chunks to "data").</summary>
    public static float[] ReadWavMono16(string path) => ReadWav16(path, out _, out _);

    /// <summary>The interleaved samples of a 16-bit PCM WAV file, with its rate and channel count from the fmt chunk.</summary>
    public static float[] ReadWav16(string path, out int rate, out int channels)
    {
        byte[] bytes = File.ReadAllBytes(path);
        rate = 0;
        channels = 0;
        int pos = 12;
        while (pos + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BitConverter.ToInt32(bytes, pos + 4);
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, pos + 10);
                rate = BitConverter.ToInt32(bytes, pos + 12);
            }
            if (id == "data")
            {
                var x = new float[Math.Min(size, bytes.Length - pos - 8) / 2];
                for (int i = 0; i < x.Length; i++)
                    x[i] = BitConverter.ToInt16(bytes, pos + 8 + 2 * i) / 32768f;
                return x;
            }
            pos += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk");
    }

    /// <summary>Chunk (frames, interleaved when <paramref name="channels"/> &gt; 1) of <paramref name="samples"/>[first..first+count) on a stream starting at <paramref name="streamStart"/>.</summary>
    public static AudioChunk Chunk(float[] samples, int first, int count, long sequence, long streamStart, int rate = 16_000, string stream = "mic", int channels = 1)
    {
        var buffer = BufferPool<float>.Shared.Rent(count * channels);
        samples.AsSpan(first * channels, count * channels).CopyTo(buffer.Span);
        return new AudioChunk(buffer, count, rate, channels, stream, sequence, streamStart, first);
    }

    /// <summary>logmel [batch, time, mels] → mean over time → MatMul W [mels, d] → embedding [batch, d].</summary>
    public static string MeanPoolEncoder(string dir, int mels, int dims, out float[] weights)
    {
        weights = TestGraphs.Weights(mels * dims, seed: 7);
        var b = new OnnxGraphBuilder("audio-tiny");
        b.AddInput("logmel", OnnxElementType.Float, "batch", "time", mels);
        b.AddInitializer("w", weights, mels, dims);
        b.AddNode("ReduceMean", ["logmel"], ["pooled"]).Attribute("axes", [1L]).Attribute("keepdims", 0L);
        b.AddNode("MatMul", ["pooled", "w"], ["embedding"]);
        b.AddOutput("embedding", OnnxElementType.Float, "batch", dims);
        string path = Path.Combine(dir, "audio-tiny.onnx");
        b.Save(path);
        return path;
    }
}
