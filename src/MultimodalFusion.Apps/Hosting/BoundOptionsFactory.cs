using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>
/// Creates <typeparamref name="TOptions"/> by binding configuration with a given function, then runs every registered
/// <see cref="IValidateOptions{TOptions}"/>; a binder error (a value of the wrong type) becomes a validation failure
/// naming the key, like any other.
/// </summary>
/// <remarks>
/// The options here are immutable records (init-only properties), which the default factory's configure-in-place
/// model cannot build. With <c>ValidateOnStart</c> the host creates them before any hosted service starts and refuses
/// to start on a failure (<see cref="OptionsValidationException"/>, messages redacted).
/// </remarks>
internal sealed class BoundOptionsFactory<TOptions>(IConfiguration configuration, Func<IConfiguration, TOptions> bind,
    IEnumerable<IValidateOptions<TOptions>> validators) : IOptionsFactory<TOptions> where TOptions : class
{
    public TOptions Create(string name)
    {
        TOptions options;
        try
        {
            options = bind(configuration);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the value ("Failed to convert configuration value '2s' at 'Profiles:Violence:Window'").
            string message = ex.Message + (ex.InnerException is { } inner ? " " + inner.Message : "");
            throw new OptionsValidationException(name, typeof(TOptions), [CredentialRedactor.Redact(message)]);
        }
        var failures = new List<string>();
        foreach (var validator in validators)
        {
            var result = validator.Validate(name, options);
            if (result.Failed)
                failures.AddRange(result.Failures);
        }
        if (failures.Count > 0)
            throw new OptionsValidationException(name, typeof(TOptions), failures.Select(CredentialRedactor.Redact));
        return options;
    }
}
