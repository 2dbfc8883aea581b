using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// <c>mmf-train export --swin WEIGHTS --out DIR</c>: a Swin state_dict (.pt/.pth/.safetensors, e.g. torchvision
/// swin_t) strictly loaded into the trainer's <see cref="SwinTransformer"/> and written by
/// <see cref="SwinOnnxExporter"/> as an image feature extractor with its manifest.
/// </summary>
internal static class SwinExport
{
    /// <summary>The architectures <c>--swin-config</c> accepts.</summary>
    public static readonly string[] Configurations = ["tiny224", "test56"];

    /// <summary>Exports the Swin backbone at <paramref name="weights"/> into <paramref name="outDir"/>; returns the exit code.</summary>
    public static int Run(string weights, string configuration, string name, string? data, string outDir, TextWriter output, TextWriter error)
    {
        try
        {
            var options = configuration == "test56" ? SwinOptions.Test56 : SwinOptions.Tiny224;
            using var model = new SwinTransformer(options);
            SwinWeights.Load(model, weights);
            model.eval();
            string onnx = SwinOnnxExporter.Export(model, new SwinExportOptions
            {
                Name = name,
                WeightsFile = Path.GetFullPath(weights),
                Data = data ?? $"weights {Path.GetFileName(weights)} (training data not stated)",
            }, outDir);
            output.WriteLine($"model {onnx}");
            output.WriteLine($"manifest {Path.ChangeExtension(onnx, ".json")}");
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException or IOException)
        {
            error.WriteLine($"mmf-train export --swin: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
