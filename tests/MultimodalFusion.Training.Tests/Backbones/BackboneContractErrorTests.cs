using MultimodalFusion.Features.Audio;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using MultimodalFusion.Training.Trainer;
using TorchSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>Wrong inputs fail early with a message that names what is wrong; manifests carry the role-specific fields.</summary>
public sealed class BackboneContractErrorTests
{
    [Fact]
    public void ClipStemRejectsAnNcthwInputNamingTheLayoutItWants()
    {
        using var model = BackboneTestKit.SmallClip();
        using var ncthw = zeros([1L, 3, 16, 32, 32]);
        var error = Assert.Throws<ArgumentException>(() => model.forward(ncthw));
        Assert.Contains("NTCHW [batch, 16, 3, H, W]", error.Message);
        Assert.Contains("[1, 3, 16, 32, 32]", error.Message);
    }

    [Fact]
    public void DatasetRejectsMismatchedCountsAndTargetTypes()
    {
        var counts = Assert.Throws<ArgumentException>(() => new BackboneDataset(zeros(4, 3, 8, 8), zeros(3, dtype: int64)));
        Assert.Contains("4 inputs but 3 targets", counts.Message);
        var type = Assert.Throws<ArgumentException>(() => new BackboneDataset(zeros(4, 3, 8, 8), zeros(4, dtype: int32)));
        Assert.Contains("int64 class indices", type.Message);
    }

    [Fact]
    public void TrainerRejectsRegressionTargetsForAClassifierAndRestoresTheThreadSetting()
    {
        using var model = new BackboneModel(new SmallImageCnn(new SmallImageCnnOptions { InputSize = 8, Channels = [2], FeatureSize = 2 }), FusionTask.Classification, 2);
        using var values = new BackboneDataset(zeros(4, 3, 8, 8), zeros(4, 2));
        var error = Assert.Throws<ArgumentException>(() => new BackboneTrainer(new BackboneTrainerOptions()).Train(model, values, values));
        Assert.Contains("class-index", error.Message);

        int before = get_num_threads();
        using var labels = new BackboneDataset(randn(6, 3, 8, 8), tensor(new long[] { 0, 1, 0, 1, 0, 1 }));
        var result = new BackboneTrainer(new BackboneTrainerOptions { Epochs = 1, BatchSize = 4, Threads = before + 1 }).Train(model, labels, labels);
        Assert.Single(result.Epochs);
        Assert.Equal(before, get_num_threads());
    }

    [Fact]
    public void AudioExportRefusesAFrontendWithOtherMelBins()
    {
        using var model = BackboneTestKit.SmallAudio();
        var export = new BackboneExportOptions { Name = "audio-64", LogMel = new LogMelOptions { MelBins = 64 } };
        var error = Assert.Throws<ArgumentException>(() => BackboneManifestWriter.Build(model, export, null));
        Assert.Contains("'audio-64'", error.Message);
        Assert.Contains("64 mel bins, the encoder takes 128", error.Message);
    }

    [Fact]
    public void ManifestsCarryRoleSpecificPreprocessingAndWindows()
    {
        using var image = BackboneTestKit.SmallImage();
        var face = BackboneManifestWriter.Build(image, new BackboneExportOptions { Name = "face", FaceRole = true, FaceMargin = 0.2f }, null);
        Assert.Equal("face", (string)face["role"]!);
        Assert.Equal(0.2f, (float)face["preprocessing"]!["faceMargin"]!);
        Assert.Null(face["window"]);
        Assert.Equal("[\"batch\",3,32,32]", face["inputs"]![0]!["shape"]!.ToJsonString());

        using var audio = BackboneTestKit.SmallAudio();
        var manifest = BackboneManifestWriter.Build(audio, new BackboneExportOptions { Name = "audio" }, null);
        Assert.Equal("[\"batch\",\"frames\",128]", manifest["inputs"]![0]!["shape"]!.ToJsonString());
        Assert.Equal("00:00:00.0250000", (string)manifest["preprocessing"]!["melWindow"]!);
        Assert.Equal("00:00:00.0100000", (string)manifest["preprocessing"]!["melHop"]!);
        Assert.Equal(100.0, (double)manifest["window"]!["audioFps"]!);
        Assert.Equal("[\"batch\",16]", manifest["outputs"]![0]!["shape"]!.ToJsonString());
    }
}
