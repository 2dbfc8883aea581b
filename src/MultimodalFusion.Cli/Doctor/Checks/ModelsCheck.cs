using MultimodalFusion.Inference.Manifests;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>
/// Every model in the models folder loads and matches its manifest: the same <see cref="ModelCatalog"/> and
/// <see cref="ModelLoader"/> that <c>mmf models</c> uses (hash, input/output names, shapes, dtypes).
/// </summary>
public sealed class ModelsCheck : DoctorCheck
{
    /// <inheritdoc/>
    public override string Name => "models";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        string folder = context.ModelsFolder;
        if (!Directory.Exists(folder))
            return Fail($"{Path.GetFullPath(folder)}: models folder not found.", $"mkdir -p {folder} (models are name.onnx beside name.json; see onnx/README.md)");
        var found = ModelCatalog.Find([folder], recursive: true);
        if (found.Count == 0)
            return Warn($"no models (*.onnx) in {folder}; inference stages need them.", "see onnx/README.md (mmf-train exports models with manifests)");
        var checks = ModelCatalog.Check(found, new ModelLoader());
        var failed = checks.Where(c => !c.Ok).ToList();
        if (failed.Count > 0)
        {
            // Each error names its model file (ModelLoadException messages start with the path).
            return Fail($"{failed.Count} of {checks.Count} model(s) invalid: {string.Join("; ", failed.Select(c => c.Error))}",
                $"mmf models {folder} (then re-export the model or regenerate its manifest)");
        }
        return Ok($"{checks.Count} model(s) valid in {folder}: {string.Join(", ", checks.Select(c => c.Manifest!.Name))}");
    }
}
