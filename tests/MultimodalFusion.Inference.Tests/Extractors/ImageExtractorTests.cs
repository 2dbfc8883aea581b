using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Extractors;

public sealed class ImageExtractorTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-extractor");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Bound_extractor_equals_a_plain_run_and_allocates_nothing_per_frame()
    {
        const int size = 64;
        using var model = new OnnxSessionFactory().Create(TestGraphs.ImageExtractor(_dir, size, features: 8));
        var norm = new ImageNormalization { Width = size, Height = size };
        using var extractor = new ImageExtractor(model, norm);
        using var frame = TestImages.Load("messi5.jpg");

        float[] features = extractor.Extract(frame).ToArray();

        var input = new float[norm.SampleLength];
        new ImagePreprocessor(norm).Write(frame, input);
        using var x = OrtValue.CreateTensorValueFromMemory(input, [1, 3, size, size]);
        using var plain = model.Session.Run(new RunOptions(), ["image"], [x], ["features"]);
        Assert.Equal(8, extractor.FeatureLength);
        Assert.Equal(plain[0].GetTensorDataAsSpan<float>().ToArray(), features);
        Assert.Contains(features, f => Math.Abs(f) > 1e-3);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
            extractor.Extract(frame, new PixelRect(i, i, 200, 200));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Input_size_mismatch_fails_naming_the_model()
    {
        string path = TestGraphs.ImageExtractor(_dir, 32);
        using var model = new OnnxSessionFactory().Create(path);
        var ex = Assert.Throws<ArgumentException>(() => new ImageExtractor(model, new ImageNormalization { Width = 64, Height = 64 }));
        Assert.Contains(path, ex.Message);
        Assert.Contains("expected [batch, 3, 64, 64]", ex.Message);
    }
}
