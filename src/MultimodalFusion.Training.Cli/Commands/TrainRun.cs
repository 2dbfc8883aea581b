using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Datasets;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Training.Cli.Logging;
using MultimodalFusion.Training.Data;
using MultimodalFusion.Datasets.Metrics;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;
using MultimodalFusion.Training.Trainer;
using Spectre.Console;
using TorchSharp;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>One <c>mmf-train train</c> run: data, model, training (or resume), report, checkpoint, export.</summary>
internal sealed class TrainRun(TrainSettings settings, TextWriter output, TextWriter error, IAnsiConsole console)
{
    /// <summary>Runs and returns the exit code; expected failures are one line on <c>error</c> naming the file or setting.</summary>
    public int Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException or ArgumentException
            or InvalidDataException or DatasetFormatException or InvalidOperationException or IOException)
        {
            error.WriteLine($"mmf-train train: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private int Run()
    {
        var cache = FeatureCache.Open(settings.Data);
        string cacheTask = cache.Manifest.Task;
        bool supported = settings.Task switch
        {
            "va" => FeatureCacheTask.NeedsVa(cacheTask),
            "expr" => FeatureCacheTask.NeedsExpr(cacheTask),
            _ => FeatureCacheTask.NeedsViolence(cacheTask),
        };
        if (!supported)
            throw new ArgumentException($"--task {settings.Task}: the feature cache {cache.Directory} holds '{cacheTask}' labels.");
        var windows = new FeatureCacheWindowOptions { Task = settings.Task, Window = settings.Window, Hop = settings.Hop, Modalities = settings.Modalities };
        using var data = TrainData.Load(cache, windows);
        torch.set_num_threads(settings.Threads);
        using var loggers = CliLog.Create();
        var logger = loggers.CreateLogger("train");
        logger.LogInformation("{Task}: {Train} training, {Validation} early-stopping and {HeldOut} held-out windows ({Streams})", settings.Task,
            data.Train.Count, data.Validation.Count, data.HeldOut.Count, string.Join(", ", data.Train.Modalities.Select(m => $"{m.Name}[{m.FeatureSize}]")));

        Directory.CreateDirectory(settings.Out);
        string name = settings.ModelName;
        // Checkpoints go to a subfolder: a checkpoint's options file (NAME.json) would collide with the ONNX manifest.
        string checkpoints = Path.Combine(settings.Out, "checkpoint");
        string state = Path.Combine(checkpoints, name + ".last.pt");
        bool classification = settings.Task != "va";
        var trainer = new FusionTrainer(TrainerOptions(state, classification), loggers.CreateLogger("trainer"));
        using var model = settings.Resume is null ? NewModel(data.Train.Modalities, classification) : ResumedModel(data.Train.Modalities);
        int done = settings.Resume is null ? 0 : FusionTrainingCheckpoint.ReadState(settings.Resume).EpochsDone;
        var result = FusionConsoleProgress.Run(console, settings.Epochs, done, progress => settings.Resume is null
            ? trainer.Train(model, data.Train, data.Validation, progress)
            : trainer.Resume(model, settings.Resume, data.Train, data.Validation, progress));

        var heldOut = FusionEvaluation.Of(model, data.HeldOut);
        var labels = Labels(settings.Task);
        var metrics = FusionTrainingReport.Build(result, heldOut, labels);
        metrics["heldOut"]!["split"] = data.HeldOutName;
        if (heldOut.FrameMacroF1 is double frameF1)
            metrics["heldOut"]!["frameMacroF1"] = frameF1;
        if (heldOut.FrameCccMean is double frameCcc)
        {
            metrics["heldOut"]!["frameCccMean"] = frameCcc;
            metrics["heldOut"]!["frameCcc"] = new JsonObject(labels.Select((l, d) =>
                KeyValuePair.Create(l, (JsonNode?)JsonValue.Create(heldOut.FrameCccPerDimension![d]))));
        }
        metrics["heldOutWithout"] = HeldOutWithout.Evaluate(model, data.HeldOut);
        File.WriteAllText(Path.Combine(settings.Out, "metrics.json"), metrics.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        FusionTrainingPlot.SavePng(result, Path.Combine(settings.Out, "curves.png"));

        var held = new Dictionary<string, double> { [heldOut.MetricName] = heldOut.Metric };
        if (heldOut.FrameMacroF1 is double f)
            held["frameMacroF1"] = f;
        if (heldOut.FrameCccMean is double c)
            held["frameCccMean"] = c;
        var export = new FusionExportOptions
        {
            Name = name, Task = settings.Task, OutputName = settings.Task, Labels = labels,
            WindowLength = settings.Window, WindowHop = settings.Hop,
            VideoFps = cache.Manifest.FindModality("video")?.RateHz,
            Data = $"{data.Description}{SynthSource.Describe(cache.Manifest.SourceDataset)}; held out: {data.HeldOutName}; settings: {settings.Describe()}"
                + (settings.Note is { Length: > 0 } note ? $"; {note}" : ""),
            HeldOut = held,
        };
        string checkpoint = Path.Combine(checkpoints, name + ".pt");
        FusionCheckpoint.Save(model, checkpoint, ExportMetadata.From(export, result));
        string onnx = FusionOnnxExporter.Export(model, export, settings.Out);
        output.WriteLine($"best epoch {result.BestEpoch}: validation {result.MetricName} {result.BestMetric.ToString("F4", CultureInfo.InvariantCulture)}");
        output.WriteLine($"held out ({data.HeldOutName}): {string.Join(", ", held.Select(kv => $"{kv.Key} {kv.Value.ToString("F4", CultureInfo.InvariantCulture)}"))}");
        output.WriteLine($"checkpoint {checkpoint}");
        output.WriteLine($"model {onnx}");
        return ExitCodes.Success;
    }

    private FusionTrainerOptions TrainerOptions(string checkpoint, bool classification) => new()
    {
        Epochs = settings.Epochs,
        Seed = settings.Seed,
        CheckpointPath = checkpoint,
        BalancedSampling = classification,
        ModalityDropout = settings.ModalityDropout ? settings.ModalityDropoutRate : 0,
        FeatureNoise = settings.Augment ? 0.05 : 0,
        FeatureDropout = settings.Augment ? 0.1 : 0,
        TemporalJitter = settings.Augment ? 1 : 0,
        MaxFrameStride = settings.Augment ? 2 : 1,
        MixupAlpha = settings.Augment ? 0.2 : 0,
        ReconstructionWeight = settings.AutoEncoder ? 0.1 : 0,
        FrameLossWeight = settings.FrameLossWeight,
    };

    private FusionModel NewModel(IReadOnlyList<ModalitySpec> streams, bool classification)
    {
        var options = new FusionModelOptions
        {
            Modalities = streams,
            Fusion = settings.Fusion,
            Task = classification ? FusionTask.Classification : FusionTask.Regression,
            OutputSize = Labels(settings.Task).Count,
            AutoEncoder = settings.AutoEncoder,
            FrameHead = settings.FrameHead,
        };
        torch.manual_seed(settings.Seed);
        return new FusionModel(options);
    }

    private FusionModel ResumedModel(IReadOnlyList<ModalitySpec> streams)
    {
        var model = FusionCheckpoint.Load(settings.Resume!);
        if (!model.Options.Modalities.SequenceEqual(streams))
        {
            string saved = string.Join(", ", model.Options.Modalities.Select(m => $"{m.Name}[{m.FeatureSize}]"));
            model.Dispose();
            throw new ArgumentException($"--resume {Path.GetFullPath(settings.Resume!)} was trained on {saved}; the data now gives " +
                $"{string.Join(", ", streams.Select(m => $"{m.Name}[{m.FeatureSize}]"))}.");
        }
        return model;
    }

    internal static IReadOnlyList<string> Labels(string task) => task switch
    {
        "va" => TaskLabels.ValenceArousal,
        "expr" => TaskLabels.Expressions,
        _ => TaskLabels.Violence,
    };
}
