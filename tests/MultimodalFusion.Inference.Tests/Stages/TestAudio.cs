using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Inference.Tests.Stages;

/// <summary>Real speech and a tiny audio-encoder graph for the audio stage tests.</summary>
internal static class TestAudio
{
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
