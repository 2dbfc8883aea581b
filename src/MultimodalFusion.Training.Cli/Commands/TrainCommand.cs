using System.CommandLine;
using Spectre.Console;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// <c>mmf-train train --task va|expr|violence --data CACHE --out DIR ...</c>: windows from a feature cache, training
/// with a resumable checkpoint, held-out metrics, curves and the exported ONNX model + manifest.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var task = CliOptions.OneOf(new Option<string>("--task") { Description = "va, expr or violence", Required = true }, "va", "expr", "violence");
        var data = new Option<string>("--data") { Description = "Feature cache folder (cache.json + SPLIT/ID/*.npy, written by mmf features)", Required = true };
        var outDir = new Option<string>("--out") { Description = "Output folder: NAME.onnx + NAME.json manifest, metrics.json, curves.png, checkpoint/NAME.pt (+ .json) and the resumable checkpoint/NAME.last.*", Required = true };
        var fusion = CliOptions.OneOf(new Option<string>("--fusion") { Description = "cross-attention (default), mfm (modal fusion module) or late", DefaultValueFactory = _ => "cross-attention" },
            "cross-attention", "mfm", "late");
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (default 30)", DefaultValueFactory = _ => 30 };
        epochs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--epochs must be >= 1."); });
        var seed = new Option<int>("--seed") { Description = "Seed of initial weights, shuffling and augmentation (default 7)", DefaultValueFactory = _ => 7 };
        var window = CliOptions.Duration("--window", "Window length", TimeSpan.FromSeconds(2));
        var hop = CliOptions.Duration("--hop", "Hop between windows", TimeSpan.FromSeconds(0.5));
        var noAugment = new Option<bool>("--no-augment") { Description = "No feature noise/dropout, temporal jitter, frame sampling or mixup" };
        var noAutoEncoder = new Option<bool>("--no-autoencoder") { Description = "No auto-encoder reconstruction loss" };
        var noModalityDropout = new Option<bool>("--no-modality-dropout") { Description = "Never drop a stream in training" };
        var modalities = new Option<string>("--modalities") { Description = "Comma-separated streams in input order, e.g. video,audio,text (default: all in the cache)" };
        var note = new Option<string>("--note") { Description = "Text added to the manifest's data provenance (e.g. the seed of the held-out split)" };
        var dropoutRate = new Option<double>("--modality-dropout")
            { Description = "Chance per window and stream that a stream is dropped in training (default 0.1)", DefaultValueFactory = _ => 0.1 };
        dropoutRate.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or >= 1) r.AddError("--modality-dropout must be in [0, 1)."); });
        var threads = new Option<int>("--threads") { Description = "libtorch threads (default 1)", DefaultValueFactory = _ => 1 };
        threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads must be >= 1."); });
        var frameHead = new Option<bool>("--frame-head")
            { Description = "va: add a per-frame head (va_frames [b, t, 2], 1 - CCC over labelled frames) and select epochs on its per-frame CCC; expr and violence always have one" };
        var frameWeight = new Option<double>("--frame-loss-weight") { Description = "Weight of the per-frame loss (default 1)", DefaultValueFactory = _ => 1.0 };
        frameWeight.Validators.Add(r => { if (r.GetValueOrDefault<double>() < 0) r.AddError("--frame-loss-weight must be >= 0."); });
        var resume = new Option<string>("--resume") { Description = "Continue from a resumable checkpoint (OUT/checkpoint/NAME.last.pt) with the same data, seed and epochs" };

        var command = new Command("train", "Train a fusion model on a feature cache and export it. Exit code: 0 ok, 1 failure, 2 usage.")
        {
            task, data, outDir, fusion, epochs, seed, window, hop, noAugment, noAutoEncoder, noModalityDropout, modalities, resume, note, threads, dropoutRate, frameHead, frameWeight,
        };
        command.SetAction(parse =>
        {
            var settings = new TrainSettings
            {
                Task = parse.GetValue(task)!,
                Data = parse.GetValue(data)!,
                Out = parse.GetValue(outDir)!,
                Fusion = TrainSettings.ParseFusion(parse.GetValue(fusion)!),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                Window = parse.GetValue(window),
                Hop = parse.GetValue(hop),
                Augment = !parse.GetValue(noAugment),
                AutoEncoder = !parse.GetValue(noAutoEncoder),
                ModalityDropout = !parse.GetValue(noModalityDropout),
                Modalities = parse.GetValue(modalities)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Resume = parse.GetValue(resume),
                Note = parse.GetValue(note),
                Threads = parse.GetValue(threads),
                ModalityDropoutRate = parse.GetValue(dropoutRate),
                VaFrameHead = parse.GetValue(frameHead),
                FrameLossWeight = parse.GetValue(frameWeight),
            };
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return new TrainRun(settings, output, error, console).Execute();
        });
        return command;
    }
}
