using MultimodalFusion.Inference.Face;

namespace MultimodalFusion.Cli.Doctor.Checks;

/// <summary>The frontal-face Haar cascade loads into the same detector the pipeline uses.</summary>
public sealed class HaarCascadeCheck : DoctorCheck
{
    /// <summary>The fix on Debian/Ubuntu.</summary>
    public const string InstallCommand = "sudo apt-get install opencv-data";

    /// <inheritdoc/>
    public override string Name => "haar-cascade";

    /// <inheritdoc/>
    public override bool Required => true;

    /// <inheritdoc/>
    protected override string? FixOnError => InstallCommand;

    /// <inheritdoc/>
    protected override CheckResult Check(DoctorContext context)
    {
        // HaarFaceDetector throws naming the file when it is missing or not a cascade; loading it is the real test.
        using var detector = new HaarFaceDetector(new HaarFaceDetectorOptions { CascadePath = context.CascadePath });
        return Ok(context.CascadePath);
    }
}
