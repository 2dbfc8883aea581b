using OpenCvSharp;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>
/// OpenCvSharp's native runtime loads (libOpenCvSharpExtern.so; on Linux it links libgtk-3, the usual missing piece).
/// The real DllNotFoundException message, naming the library that failed, is reported as is.
/// </summary>
public sealed class OpenCvCheck : DoctorCheck
{
    /// <summary>The fix on Debian/Ubuntu (what ldd showed missing: libgtk-3/libgdk-3).</summary>
    public const string InstallCommand = "sudo apt-get install libgtk-3-0";

    /// <inheritdoc/>
    public override string Name => "opencv";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override string? FixOnError => InstallCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        // The first P/Invoke loads the native library; a missing dependency throws here (wrapped in a TypeInitializationException).
        string? version = Cv2.GetVersionString();
        return Ok($"OpenCvSharp native runtime loaded (OpenCV {version})");
    }
}
