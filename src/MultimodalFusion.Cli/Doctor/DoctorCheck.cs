namespace MultimodalFusion.Cli.Doctor;

/// <summary>Base of the checks: names the result and turns an unexpected exception into a failure with its message.</summary>
public abstract class DoctorCheck : IDoctorCheck
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract bool Required { get; }

    /// <inheritdoc/>
    public CheckResult Run(DoctorContext context)
    {
        try
        {
            return Check(context);
        }
        catch (Exception ex)
        {
            return Fail(Innermost(ex), FixOnError);
        }
    }

    /// <summary>The fix proposed when <see cref="Check"/> throws.</summary>
    protected virtual string? FixOnError => null;

    /// <summary>Does the work; may throw (the message becomes the detail of a failure).</summary>
    protected abstract CheckResult Check(DoctorContext context);

    /// <summary>A passing result.</summary>
    protected CheckResult Ok(string detail) => new(Name, Required, CheckStatus.Ok, detail, null);

    /// <summary>A degraded result with its fix.</summary>
    protected CheckResult Warn(string detail, string? fix) => new(Name, Required, CheckStatus.Warn, detail, fix);

    /// <summary>A failed result with its fix; an optional check reports a warning instead.</summary>
    protected CheckResult Fail(string detail, string? fix) =>
        new(Name, Required, Required ? CheckStatus.Fail : CheckStatus.Warn, detail, fix);

    /// <summary>
    /// The message that says what really went wrong: type initialisers (OpenCvSharp's NativeMethods) wrap the
    /// DllNotFoundException, so the innermost message is the useful one.
    /// </summary>
    protected static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
            ex = ex.InnerException;
        return $"{ex.GetType().Name}: {ex.Message}";
    }
}
