using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Datasets;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Training.Cli.Logging;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using MultimodalFusion.Training.Trainer;
using TorchSharp;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>One <c>mmf-train backbone</c> run: samples, training with early stopping, held-out scores, checkpoint, export.</summary>
/// <remarks>
/// Splits: the dataset's *train* split trains, its *val* split stops early (without one, every fifth training video);
/// with <c>--held-out DIR</c> that dataset's *val* split (else all of it) is scored once at the end and recorded in the
/// manifest as held out. Images use mean/std 0.5 in RGB order, as the manifest then declares.
/// </remarks>
internal sealed class BackboneRun(BackboneSettings settings, TextWriter output, TextWriter error)
{
    private static readonly float[] s_half = [0.5f, 0.5f, 0.5f];

    /// <summary>Runs and returns the exit code; expected failures are one line on <c>error</c> naming the file or setting.</summary>
    public int Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or ArgumentException
            or InvalidDataException or DatasetFormatException or InvalidOperationException or IOException or FormatException)
        {
            error.WriteLine($"mmf-train backbone: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private int Run()
    {
        var watch = Stopwatch.StartNew();
        var targets = BackboneTargets.For(settings.Task);
        var data = LabelledDataset.Open(settings.Data, targets, settings.Fps);
        var trainVideos = data.Training.ToList();
        var stopVideos = data.Validation.ToList();
        if (trainVideos.Count == 0)
            throw new InvalidDataException($"--data: {data.Root} has no training split (*train*) for task {settings.Task}.");
        if (stopVideos.Count == 0)
        {
            stopVideos = trainVideos.Where((_, i) => i % 5 == 4).ToList();
            trainVideos = trainVideos.Except(stopVideos).ToList();
        }
        using var loggers = CliLog.Create();
        var logger = loggers.CreateLogger("backbone");
        using var train = Samples(trainVideos, targets, data.Fps);
        using var validation = Samples(stopVideos, targets, data.Fps);
        logger.LogInformation("{Kind} backbone for {Task}: {Train} training samples from {TrainVideos} videos, {Validation} early-stopping samples from {StopVideos} videos ({Seconds:F1} s to load)",
            settings.Kind, settings.Task, train.Count, trainVideos.Count, validation.Count, stopVideos.Count, watch.Elapsed.TotalSeconds);

        torch.manual_seed(settings.Seed);
        using var model = new BackboneModel(NewBackbone(),
            targets.IsClassification ? FusionTask.Classification : FusionTask.Regression, targets.OutputSize);
        var trainer = new BackboneTrainer(new BackboneTrainerOptions
        {
            Epochs = settings.Epochs,
            Seed = settings.Seed,
            Threads = settings.Threads,
            Patience = 4,
            // The expression indicators of va+expr are not concordance targets; MSE trains all ten alike.
            UseMse = settings.Task == "va+expr",
            InputNoise = settings.Kind == "image" ? 0.05 : 0.1,
        }, loggers.CreateLogger("trainer"));
        var trainWatch = Stopwatch.StartNew();
        var result = trainer.Train(model, train, validation);
        double trainSeconds = trainWatch.Elapsed.TotalSeconds;

        var stopping = BackboneEvaluation.Of(model, validation);
        var heldOut = new Dictionary<string, double>(Scores(stopping, "validation."));
        string heldOutNote = $"validation split of {Path.GetFileName(data.Root)}";
        if (settings.HeldOut is { } heldOutDir)
        {
            var other = LabelledDataset.Open(heldOutDir, targets, settings.Fps);
            var videos = other.Validation.Any() ? other.Validation.ToList() : other.Videos.ToList();
            using var heldOutData = Samples(videos, targets, other.Fps);
            var evaluation = BackboneEvaluation.Of(model, heldOutData);
            foreach (var (key, value) in Scores(evaluation, ""))
                heldOut[key] = value;
            heldOutNote = $"{Describe(other.Root)}, {videos.Count} video(s), {heldOutData.Count} samples";
        }

        string name = settings.ModelName;
        string description = $"{Describe(data.Root)}: {trainVideos.Count} training video(s), {train.Count} samples; " +
            $"early stopping on {stopVideos.Count} video(s); target {settings.Task}; held out: {heldOutNote}";
        string checkpoint = Path.Combine(settings.Out, "checkpoint", name + ".pt");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        BackboneCheckpoint.Save(model, checkpoint, new Dictionary<string, string> { ["data"] = description, ["task"] = settings.Task });
        string onnx = BackboneOnnxExporter.Export(model.Backbone, new BackboneExportOptions
        {
            Name = name,
            FaceRole = settings.FaceRole,
            FaceMargin = settings.FaceRole ? 0.2f : null,
            Mean = s_half,
            Std = s_half,
            WindowLength = settings.Kind == "audio" ? settings.Window : null,
            WindowHop = settings.Kind == "audio" ? settings.Hop : null,
            Data = description,
            HeldOut = heldOut,
        }, settings.Out);
        WriteMetrics(result, heldOut, description, trainSeconds, watch.Elapsed.TotalSeconds, (int)train.Count);
        output.WriteLine($"best epoch {result.BestEpoch}: validation {result.MetricName} {result.BestMetric.ToString("F4", CultureInfo.InvariantCulture)}");
        output.WriteLine($"held out: {string.Join(", ", heldOut.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"))}");
        output.WriteLine($"training {trainSeconds.ToString("F0", CultureInfo.InvariantCulture)} s, total {watch.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s");
        output.WriteLine($"model {onnx}");
        return ExitCodes.Success;
    }

    private BackboneDataset Samples(IEnumerable<LabelledVideo> videos, BackboneTargets targets, double fps) => settings.Kind == "image"
        ? ImageSamples.Build(videos, targets, new ImageNormalization { Width = settings.Size, Height = settings.Size, Mean = s_half, Std = s_half }, settings.FrameStep)
        : AudioSamples.Build(videos, targets, new LogMelOptions(), settings.Window, settings.Hop, fps);

    private Backbone NewBackbone() => settings.Kind == "image"
        ? new SmallImageCnn(new SmallImageCnnOptions { InputSize = settings.Size })
        : new LogMelAudioEncoder(new LogMelAudioEncoderOptions());

    private static IEnumerable<KeyValuePair<string, double>> Scores(BackboneEvaluation evaluation, string prefix)
    {
        yield return new(prefix + evaluation.MetricName, evaluation.Metric);
        if (evaluation.Accuracy is double accuracy)
            yield return new(prefix + "accuracy", accuracy);
        if (evaluation.CccPerDimension is { Length: >= 2 } ccc)
        {
            yield return new(prefix + "cccValence", ccc[0]);
            yield return new(prefix + "cccArousal", ccc[1]);
        }
    }

    /// <summary>"mmf synth emotion seed 1 (60 videos)" from synth.json, else the folder name.</summary>
    private static string Describe(string root)
    {
        string path = Path.Combine(root, "synth.json");
        if (!File.Exists(path))
            return $"dataset {Path.GetFileName(root)}";
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        return $"{json["generator"]?.GetValue<string>() ?? "mmf synth"} {json["task"]} seed {json["seed"]} ({json["counts"]?["videos"]} videos, folder {Path.GetFileName(root)})";
    }

    private void WriteMetrics(BackboneTrainingResult result, Dictionary<string, double> heldOut, string data, double trainSeconds, double totalSeconds, int samples)
    {
        var metrics = new JsonObject
        {
            ["model"] = settings.ModelName,
            ["kind"] = settings.Kind,
            ["task"] = settings.Task,
            ["data"] = data,
            ["samples"] = samples,
            ["bestEpoch"] = result.BestEpoch,
            ["validation"] = new JsonObject { [result.MetricName] = result.BestMetric },
            ["heldOut"] = new JsonObject(heldOut.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))),
            ["trainSeconds"] = Math.Round(trainSeconds, 1),
            ["totalSeconds"] = Math.Round(totalSeconds, 1),
            ["history"] = new JsonArray(result.Epochs.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch, ["loss"] = e.TrainLoss, ["validation"] = e.ValidationMetric,
            }).ToArray()),
        };
        File.WriteAllText(Path.Combine(settings.Out, "metrics.json"), metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
