using System.CommandLine;
using MultimodalFusion.Training.Cli.Commands;

namespace MultimodalFusion.Training.Cli;

/// <summary>The <c>mmf-train</c> command tree and its dispatch: parse errors are usage errors (exit 2).</summary>
internal static class MmfTrain
{
    /// <summary>The root command writing results to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    public static RootCommand CreateRoot(TextWriter output, TextWriter error) =>
        new("mmf-train - train the fusion models on a feature cache with TorchSharp and export them as ONNX + manifest.")
        {
            TrainCommand.Create(output, error),
            ExportCommand.Create(output, error),
            Backbones.BackboneCommand.Create(output, error),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (0 ok, 1 failure, 2 usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = CreateRoot(output, error);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
                error.WriteLine($"mmf-train: {problem.Message}");
            error.WriteLine("Run 'mmf-train --help' or 'mmf-train <command> --help' for usage.");
            return ExitCodes.Usage;
        }
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration);
    }
}
