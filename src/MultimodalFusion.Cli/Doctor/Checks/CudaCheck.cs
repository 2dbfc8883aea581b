using System.Runtime.InteropServices;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>
/// GPU inference (optional): the CUDA provider is listed only by the GPU build (<c>-p:UseGpu=true</c>), and it needs
/// the CUDA 13 runtime and cuDNN 9 libraries to be loadable.
/// </summary>
public sealed class CudaCheck : DoctorCheck
{
    /// <summary>The provider name ONNX Runtime lists.</summary>
    public const string CudaProvider = "CUDAExecutionProvider";

    /// <summary>How to get the GPU build.</summary>
    public const string GpuBuildCommand = "dotnet build src/MultimodalFusion.Cli -p:UseGpu=true";

    /// <summary>How to get the libraries (NVIDIA's Debian/Ubuntu repository).</summary>
    public const string InstallCommand = "sudo apt-get install cuda-runtime-13-0 libcudnn9-cuda-13";

    // Sonames the ONNX Runtime CUDA provider opens.
    private static readonly string[] s_libraries = ["libcudart.so.13", "libcublas.so.13", "libcudnn.so.9"];

    /// <inheritdoc/>
    public override string Name => "cuda";

    /// <inheritdoc/>
    public override bool Required => false;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        var missing = s_libraries.Where(l => !CanLoad(l)).ToList();
        string libraries = missing.Count == 0 ? $"{string.Join(", ", s_libraries)} load" : $"not loadable: {string.Join(", ", missing)}";
        if (!OnnxSessionFactory.IsGpuBuild)
            return Warn($"CPU build: {CudaProvider} not compiled in (inference runs on CPU); CUDA 13/cuDNN 9 {libraries}.", GpuBuildCommand);
        if (missing.Count > 0)
            return Warn($"GPU build, but CUDA 13/cuDNN 9 {libraries}; sessions fall back to CPU.", InstallCommand);
        if (!OnnxSessionFactory.AvailableProviders().Contains(CudaProvider))
            return Warn($"GPU build, but ONNX Runtime does not list {CudaProvider}.", GpuBuildCommand);
        return Ok($"{CudaProvider} available; {libraries}");
    }

    private static bool CanLoad(string library)
    {
        if (!NativeLibrary.TryLoad(library, out IntPtr handle))
            return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
