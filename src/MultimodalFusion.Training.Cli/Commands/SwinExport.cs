namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// Extension point of <c>mmf-train export --swin WEIGHTS --out DIR</c>: loads Swin weights into the trainer's
/// <c>SwinTransformer</c> and writes it with <c>SwinOnnxExporter</c> (Models/Backbones, Onnx/Backbones). Wired by the
/// Swin work; until then the command fails with exit code 1 and says so, rather than writing a wrong model.
/// </summary>
internal static class SwinExport
{
    /// <summary>Exports the Swin backbone at <paramref name="weights"/> into <paramref name="outDir"/>; returns the exit code.</summary>
    public static int Run(string weights, string outDir, TextWriter output, TextWriter error)
    {
        error.WriteLine($"mmf-train export --swin {weights}: the Swin exporter is not wired into mmf-train yet " +
            "(Commands/SwinExport.cs is the place: SwinTransformer + SwinOnnxExporter). Nothing was written.");
        return ExitCodes.Failure;
    }
}
