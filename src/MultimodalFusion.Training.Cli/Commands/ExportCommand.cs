using System.CommandLine;
using MultimodalFusion.Datasets;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Onnx;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// <c>mmf-train export --checkpoint FILE --out DIR</c>: a trained fusion checkpoint as ONNX + manifest, with the
/// settings and held-out metrics saved by the training run; or <c>--swin WEIGHTS</c>: a Swin backbone as an image
/// feature extractor (<see cref="SwinExport"/>).
/// </summary>
internal static class ExportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A fusion checkpoint NAME.pt (NAME.json beside it), e.g. from mmf-train train" };
        var swin = new Option<string>("--swin") { Description = "Swin backbone weights to export as an image feature extractor" };
        var swinConfig = CliOptions.OneOf(new Option<string>("--swin-config")
            { Description = "Swin architecture of the weights: tiny224 (torchvision swin_t, default) or test56", DefaultValueFactory = _ => "tiny224" },
            SwinExport.Configurations);
        var name = new Option<string>("--name") { Description = "Model name for --swin (file stem; default swin-t)", DefaultValueFactory = _ => "swin-t" };
        var data = new Option<string>("--data") { Description = "Training data of the --swin weights, recorded in the manifest (e.g. ImageNet-1k)" };
        var outDir = new Option<string>("--out") { Description = "Output folder for NAME.onnx and its manifest NAME.json", Required = true };
        var command = new Command("export", "Export a trained model as ONNX + manifest. Exit code: 0 ok, 1 failure, 2 usage.")
        {
            checkpoint, swin, swinConfig, name, data, outDir,
        };
        command.Validators.Add(result =>
        {
            bool hasCheckpoint = result.GetResult(checkpoint) is not null, hasSwin = result.GetResult(swin) is not null;
            if (hasCheckpoint == hasSwin)
                result.AddError("export needs exactly one of --checkpoint FILE or --swin WEIGHTS.");
        });
        command.SetAction(parse => parse.GetValue(checkpoint) is string file
            ? ExportCheckpoint(file, parse.GetValue(outDir)!, output, error)
            : SwinExport.Run(parse.GetValue(swin)!, parse.GetValue(swinConfig)!, parse.GetValue(name)!, parse.GetValue(data),
                parse.GetValue(outDir)!, output, error));
        return command;
    }

    private static int ExportCheckpoint(string checkpoint, string outDir, TextWriter output, TextWriter error)
    {
        try
        {
            using var model = FusionCheckpoint.Load(checkpoint);
            var export = ExportMetadata.Read(FusionCheckpoint.ReadMetadata(checkpoint), Path.GetFullPath(checkpoint));
            string onnx = FusionOnnxExporter.Export(model, export, outDir);
            output.WriteLine($"model {onnx}");
            output.WriteLine($"manifest {Path.ChangeExtension(onnx, ".json")}");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException
            or DatasetFormatException or IOException or System.Text.Json.JsonException or FormatException)
        {
            error.WriteLine($"mmf-train export: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
