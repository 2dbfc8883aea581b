using Microsoft.Extensions.Options;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>An <see cref="IValidateOptions{TOptions}"/> over an options type's own error list (each error names its key).</summary>
/// <remarks>Stateless and thread-safe.</remarks>
public sealed class ErrorListValidator<TOptions>(Func<TOptions, IReadOnlyList<string>> errors) : IValidateOptions<TOptions> where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = errors(options);
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
