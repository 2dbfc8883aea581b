using System.CommandLine;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// <c>mmf-train backbone --kind image|audio --task va+expr|va|expr|violence --data DIR --out DIR</c>: trains a small
/// feature extractor end to end on a dataset in its published layout and exports it as the runtime's image or audio
/// extractor (ONNX + manifest).
/// </summary>
internal static class BackboneCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var kind = CliOptions.OneOf(new Option<string>("--kind") { Description = "image (64x64 frame CNN) or audio (log-mel encoder)", Required = true },
            BackboneSettings.Kinds);
        var task = CliOptions.OneOf(new Option<string>("--task")
            { Description = "Training target: va+expr (valence, arousal and expression indicators), va, expr or violence", Required = true },
            BackboneTargets.Tasks);
        var data = new Option<string>("--data") { Description = "Dataset folder: Aff-Wild2 layout (emotion) or DVD layout (violence), e.g. from mmf synth", Required = true };
        var outDir = new Option<string>("--out") { Description = "Output folder: NAME.onnx + NAME.json, metrics.json, checkpoint/NAME.pt", Required = true };
        var name = new Option<string>("--name") { Description = "Model name (default emotion-image, emotion-audio, violence-image, violence-audio)" };
        var heldOut = new Option<string>("--held-out") { Description = "Another dataset folder (e.g. another seed) whose validation split is scored and recorded as held out" };
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs (default 15)", DefaultValueFactory = _ => 15 };
        var seed = new Option<int>("--seed") { Description = "Seed (default 7)", DefaultValueFactory = _ => 7 };
        var step = new Option<int>("--frame-step") { Description = "Image: every N-th frame is a sample (default 2)", DefaultValueFactory = _ => 2 };
        var size = new Option<int>("--size") { Description = "Image: input side in pixels (default 64)", DefaultValueFactory = _ => 64 };
        var window = CliOptions.Duration("--window", "Audio: window length", TimeSpan.FromSeconds(1));
        var hop = CliOptions.Duration("--hop", "Audio: hop between windows", TimeSpan.FromSeconds(0.5));
        var threads = new Option<int>("--threads") { Description = "libtorch threads (default 1: fastest for these small models on a busy machine)", DefaultValueFactory = _ => 1 };
        foreach (var positive in new[] { epochs, step, size, threads })
            positive.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{positive.Name} must be >= 1."); });

        var command = new Command("backbone", "Train an image or audio feature extractor on a dataset and export it. Exit code: 0 ok, 1 failure, 2 usage.")
        {
            kind, task, data, outDir, name, heldOut, epochs, seed, step, size, window, hop, threads,
        };
        command.SetAction(parse => new BackboneRun(new BackboneSettings
        {
            Kind = parse.GetValue(kind)!,
            Task = parse.GetValue(task)!,
            Data = parse.GetValue(data)!,
            Out = parse.GetValue(outDir)!,
            Name = parse.GetValue(name),
            HeldOut = parse.GetValue(heldOut),
            Epochs = parse.GetValue(epochs),
            Seed = parse.GetValue(seed),
            FrameStep = parse.GetValue(step),
            Size = parse.GetValue(size),
            Window = parse.GetValue(window),
            Hop = parse.GetValue(hop),
            Threads = parse.GetValue(threads),
        }, output, error).Execute());
        return command;
    }
}
