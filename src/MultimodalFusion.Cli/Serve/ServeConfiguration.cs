using Microsoft.Extensions.Configuration;

namespace MultimodalFusion.Cli.Serve;

/// <summary>
/// The configuration of <c>mmf serve</c>, later layers win: the appsettings JSON file, environment variables with the
/// prefix <c>MMF_</c> (<c>__</c> separates sections: <c>MMF_Profiles__Violence__Threshold=0.9</c>), command-line overrides
/// (<c>--Profiles:Violence:Threshold=0.9</c> or <c>Profiles:Violence:Threshold=0.9</c>), then the command's own options
/// (<c>--model</c>, <c>--out</c>, <c>--urls</c>).
/// </summary>
internal static class ServeConfiguration
{
    /// <summary>Environment variable prefix, stripped from the key (as <c>mmf violence</c> reads them).</summary>
    public const string EnvironmentPrefix = "MMF_";

    /// <summary>
    /// The layered configuration. <paramref name="jsonPath"/> may be null (no file). Throws <see cref="FileNotFoundException"/>
    /// naming a missing file, <see cref="InvalidDataException"/> naming a file that is not JSON and <see cref="FormatException"/>
    /// for an override that is not <c>key=value</c>.
    /// </summary>
    public static IConfigurationRoot Build(string? jsonPath, IReadOnlyList<string> overrides, IReadOnlyDictionary<string, string?> options)
    {
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null)
        {
            string full = Path.GetFullPath(jsonPath);
            if (!File.Exists(full))
                throw new FileNotFoundException($"configuration file '{jsonPath}' does not exist.", full);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        foreach (string token in overrides)
        {
            // The command-line provider reads "--key value" pairs too; here every override is one token, so a bare word is a mistake.
            if (!token.Contains('=', StringComparison.Ordinal) || token.TrimStart('-', '/').StartsWith('='))
                throw new FormatException($"'{token}' is not an option of mmf serve nor a configuration override (write --Section:Key=value, e.g. --Profiles:Violence:Threshold=0.9).");
        }
        builder.AddCommandLine([.. overrides]);
        builder.AddInMemoryCollection(options.Where(kv => kv.Value is not null));
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"configuration file '{jsonPath}' is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}
