using System.CommandLine;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf models [PATH...]</c>: list installed models and check each against its manifest.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = $"Model files (name.onnx beside name.json) or folders to search with their subfolders. None: {ModelCatalog.DefaultFolder}/",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("models", "List models and validate each against its manifest (hash, input/output names, shapes, dtypes). " +
            "Exit code: 0 all valid, 1 any model failed or a path does not exist.")
        {
            paths,
        };
        command.SetAction(parse => Run(parse.GetValue(paths) is { Length: > 0 } given ? given : [ModelCatalog.DefaultFolder], Console.Out, Console.Error));
        return command;
    }

    /// <summary>Prints one line per model and returns the exit code.</summary>
    internal static int Run(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        IReadOnlyList<string> found;
        try
        {
            found = ModelCatalog.Find(paths, recursive: true);
        }
        catch (FileNotFoundException ex)
        {
            error.WriteLine($"mmf models: {ex.Message}");
            return ExitCodes.Failure;
        }
        if (found.Count == 0)
        {
            output.WriteLine($"No models (*.onnx) in {string.Join(", ", paths)}.");
            return ExitCodes.Success;
        }
        var checks = ModelCatalog.Check(found, new ModelLoader());
        foreach (var check in checks)
        {
            if (check.Manifest is { } m)
            {
                string inputs = string.Join(", ", m.Inputs.Select(Describe));
                string outputs = string.Join(", ", m.Outputs.Select(Describe));
                output.WriteLine($"OK    {m.Name,-20} {m.Role,-7} {m.Task ?? "-",-12} {inputs} -> {outputs}");
            }
            else
            {
                output.WriteLine($"FAIL  {check.Error}");
            }
        }
        int failed = checks.Count(c => !c.Ok);
        output.WriteLine($"{checks.Count} model(s), {failed} failed.");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Describe(TensorSpec t) => $"{t.Name}[{string.Join(",", t.Shape.Select(d => d.Symbol ?? d.Value.ToString()))}] {t.Dtype}";
}
