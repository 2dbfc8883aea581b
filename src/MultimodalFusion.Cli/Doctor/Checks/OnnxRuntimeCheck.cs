using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>The native ONNX Runtime loads and offers the CPU execution provider.</summary>
public sealed class OnnxRuntimeCheck : DoctorCheck
{
    /// <summary>The provider every model can run on.</summary>
    public const string CpuProvider = "CPUExecutionProvider";

    /// <summary>Restores the package that carries libonnxruntime.so.</summary>
    public const string RebuildCommand = "dotnet build src/MultimodalFusion.Cli";

    /// <inheritdoc/>
    public override string Name => "onnxruntime";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override string? FixOnError => RebuildCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        var providers = OnnxSessionFactory.AvailableProviders();
        string build = OnnxSessionFactory.IsGpuBuild ? "GPU build" : "CPU build";
        return providers.Contains(CpuProvider)
            ? Ok($"{build}; providers: {string.Join(", ", providers)}")
            : Fail($"{build}; {CpuProvider} missing (providers: {string.Join(", ", providers)}).", RebuildCommand);
    }
}
