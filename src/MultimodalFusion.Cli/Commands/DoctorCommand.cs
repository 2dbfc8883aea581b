using System.CommandLine;
using MultimodalFusion.Cli.Doctor;
using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Commands;

/// <summary>
/// <c>mmf doctor [--models DIR] [--json]</c>: checks every dependency of the product on this machine and prints, for each
/// missing piece, the command that fixes it.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var models = new Option<string>("--models")
        {
            Description = $"Folder of models to validate (name.onnx beside name.json). Default: {ModelCatalog.DefaultFolder}/",
            HelpName = "DIR",
            DefaultValueFactory = _ => ModelCatalog.DefaultFolder,
        };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON instead of a table." };
        var command = new Command("doctor", "Check ffmpeg, OpenCV, ONNX Runtime, models, audio and speech tools; print a fix for each missing piece. " +
            "Exit code: 0 every required check passes, 1 otherwise.")
        {
            models,
            json,
        };
        command.SetAction(parse => Run(new DoctorContext { ModelsFolder = parse.GetValue(models)! }, parse.GetValue(json), Console.Out));
        return command;
    }

    /// <summary>Runs every check against <paramref name="context"/>, writes the table or JSON and returns the exit code.</summary>
    internal static int Run(DoctorContext context, bool json, TextWriter output, IReadOnlyList<IDoctorCheck>? checks = null)
    {
        var report = DoctorReport.Run(checks ?? DoctorChecks.All(), context);
        if (json)
            report.WriteJson(output);
        else
            report.WriteTable(output);
        return report.ExitCode;
    }
}
