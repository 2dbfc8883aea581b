namespace MultimodalFusion.Cli.Doctor;

/// <summary>One thing <c>mmf doctor</c> verifies (a tool, a native library, a model file).</summary>
/// <remarks>Implementations never throw: every failure becomes a <see cref="CheckStatus.Fail"/> result with the real message.</remarks>
public interface IDoctorCheck
{
    /// <summary>Short name shown in the table and the JSON.</summary>
    string Name { get; }

    /// <summary>True when the product cannot work without it.</summary>
    bool Required { get; }

    /// <summary>Runs the check against <paramref name="context"/> (environment and paths).</summary>
    CheckResult Run(DoctorContext context);
}
