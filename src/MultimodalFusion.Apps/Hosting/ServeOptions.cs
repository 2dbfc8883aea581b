using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>How <c>mmf serve</c> runs the cameras (config section <c>Serve</c>).</summary>
/// <remarks>Relative paths are resolved against the working directory. Immutable once bound.</remarks>
public sealed record ServeOptions
{
    /// <summary>The config section these options are bound from.</summary>
    public const string Section = "Serve";

    /// <summary>One per-frame violence model fed mean BGR frame features (<c>name.onnx</c> with its manifest beside it); empty: use <see cref="Models"/>.</summary>
    public string Model { get; init; } = "";

    /// <summary>Models folder: its image extractor (role image) feeds its violence fusion model (role fusion, task violence); used when <see cref="Model"/> is empty.</summary>
    public string Models { get; init; } = ModelCatalog.ViolenceFolder;

    /// <summary>Output folder: clips/, and the relative store and JSONL paths.</summary>
    public string Out { get; init; } = "out";

    /// <summary>Pace file cameras at real time, as a live camera delivers (false: as fast as they decode).</summary>
    public bool Realtime { get; init; } = true;

    /// <summary>How long a stopping service waits for the sinks to deliver their outbox (the rest stays for the next run).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem, each naming its key (e.g. "Serve:Model: ..."); empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(Model))
        {
            if (!File.Exists(Model))
                errors.Add($"{Section}:Model: model file '{Model}' does not exist.");
        }
        else if (string.IsNullOrWhiteSpace(Models) || !Directory.Exists(Models))
        {
            errors.Add($"{Section}:Models: model folder '{Models}' does not exist; set {Section}:Models (--models DIR: an image extractor and a violence fusion model) or {Section}:Model (--model FILE).");
        }
        if (string.IsNullOrWhiteSpace(Out))
            errors.Add($"{Section}:Out: must not be empty.");
        if (FlushTimeout < TimeSpan.Zero || FlushTimeout > TimeSpan.FromSeconds(20))
            errors.Add($"{Section}:FlushTimeout: must be in [0, 20 s] (was {FlushTimeout}): the whole shutdown must fit in 30 s.");
        return errors;
    }
}
