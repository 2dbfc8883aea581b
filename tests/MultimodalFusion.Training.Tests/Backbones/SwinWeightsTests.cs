using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Tests.Onnx;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>PyTorch state_dict files (.pt via torch.save's zip format, .safetensors) round-trip, and bad files are named.</summary>
public sealed class SwinWeightsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mmf-swin-weights-" + Guid.NewGuid().ToString("N"));

    public SwinWeightsTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("swin.pt")]
    [InlineData("swin.pth")]
    [InlineData("swin.safetensors")]
    public void SavedWeightsLoadIntoAFreshModelWithIdenticalOutputs(string file)
    {
        string path = Path.Combine(_directory, file);
        using var source = SwinTestModels.Random(SwinTestModels.Padded64, seed: 1);
        SwinWeights.Save(source, path);
        using var fresh = SwinTestModels.Random(SwinTestModels.Padded64, seed: 2);
        float[] images = SwinTestModels.Images(2, 64, seed: 5);
        float[] expected = SwinTestModels.Features(source, images, 2);
        Assert.True(ParityHarness.MaxAbsDiff(expected, SwinTestModels.Features(fresh, images, 2)) > 1e-3);

        SwinWeights.Load(fresh, path);

        Assert.Equal(0.0, ParityHarness.MaxAbsDiff(expected, SwinTestModels.Features(fresh, images, 2)));
        var keys = SwinWeights.Read(path);
        try
        {
            Assert.Equal(fresh.state_dict().Count, keys.Count);
            Assert.Contains("features.1.1.attn.relative_position_index", keys.Keys);
        }
        finally
        {
            foreach (var t in keys.Values)
                t.Dispose();
        }
    }

    [Fact]
    public void AnotherConfigurationIsRejectedNamingFileAndKeysAndTheModelStaysUnchanged()
    {
        string path = Path.Combine(_directory, "wide.safetensors");
        using (var wide = SwinTestModels.Random(SwinOptions.Test56 with { EmbedDim = 32 }, seed: 1))
            SwinWeights.Save(wide, path);
        using var model = SwinTestModels.Random(SwinOptions.Test56, seed: 2);
        float[] images = SwinTestModels.Images(1, 56, seed: 3);
        float[] before = SwinTestModels.Features(model, images, 1);

        var error = Assert.Throws<InvalidDataException>(() => SwinWeights.Load(model, path));

        Assert.Contains(path, error.Message);
        Assert.Contains("another shape", error.Message);
        Assert.Contains("features.0.0.weight (file [32, 3, 4, 4], model [24, 3, 4, 4])", error.Message);
        Assert.Contains("more", error.Message); // only the first few keys are listed
        Assert.Equal(0.0, ParityHarness.MaxAbsDiff(before, SwinTestModels.Features(model, images, 1)));
    }

    [Fact]
    public void MissingAndUnexpectedKeysAreListed()
    {
        string withHead = Path.Combine(_directory, "head.pt");
        using (var classifier = SwinTestModels.Random(SwinOptions.Test56 with { Classes = 7 }, seed: 1))
            SwinWeights.Save(classifier, withHead);
        using var features = SwinTestModels.Random(SwinOptions.Test56, seed: 1);
        var unexpected = Assert.Throws<InvalidDataException>(() => SwinWeights.Load(features, withHead));
        Assert.Contains("2 unexpected key(s): head.bias, head.weight", unexpected.Message);

        string withoutHead = Path.Combine(_directory, "features.pt");
        SwinWeights.Save(features, withoutHead);
        using var classifier2 = SwinTestModels.Random(SwinOptions.Test56 with { Classes = 7 }, seed: 1);
        var missing = Assert.Throws<InvalidDataException>(() => SwinWeights.Load(classifier2, withoutHead));
        Assert.Contains("2 missing key(s): head.weight, head.bias", missing.Message);
        Assert.Contains(withoutHead, missing.Message);
    }

    [Theory]
    [InlineData("garbage.pt")]
    [InlineData("garbage.safetensors")]
    public void AFileThatIsNoStateDictIsNamed(string file)
    {
        string path = Path.Combine(_directory, file);
        var bytes = new byte[4096];
        new Random(1).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        using var model = SwinTestModels.Random(SwinOptions.Test56, seed: 1);

        var error = Assert.Throws<InvalidDataException>(() => SwinWeights.Load(model, path));

        Assert.Contains(path, error.Message);
        Assert.Contains("could not be read", error.Message);
        var notFound = Assert.Throws<FileNotFoundException>(() => SwinWeights.Load(model, Path.Combine(_directory, "none.pt")));
        Assert.Contains("none.pt", notFound.Message);
    }
}
