using System.Collections;
using Microsoft.Extensions.Configuration;

namespace MultimodalFusion.Cli.Violence;

/// <summary>
/// Builds the configuration of <c>mmf violence</c>: an optional appsettings-shaped JSON file, then environment
/// variables with the prefix <c>MMF_</c> (<c>__</c> separates sections, e.g. <c>MMF_Profiles__Violence__Threshold=0.9</c>),
/// then the command-line cameras. Later layers win.
/// </summary>
/// <remarks>
/// Command-line cameras (each <c>--rtsp</c> first, then each <c>--source</c>) become <c>cam1</c>, <c>cam2</c>, ... and
/// replace the configured <c>Cameras</c> list as a whole: merging two arrays index by index would mix their settings.
/// </remarks>
internal static class ViolenceConfiguration
{
    /// <summary>Environment variable prefix, stripped from the key.</summary>
    public const string EnvironmentPrefix = "MMF_";

    /// <summary>
    /// The layered configuration. <paramref name="jsonPath"/> may be null (no file); <paramref name="environment"/> is
    /// the process environment when null. Throws <see cref="FileNotFoundException"/> naming a missing JSON file and
    /// <see cref="InvalidDataException"/> naming a JSON file that does not parse.
    /// </summary>
    public static IConfiguration Build(string? jsonPath, IReadOnlyList<string> cameraUrls, IDictionary? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (jsonPath is not null)
        {
            string full = Path.GetFullPath(jsonPath);
            if (!File.Exists(full))
                throw new FileNotFoundException($"configuration file '{jsonPath}' does not exist.", full);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }
        builder.AddInMemoryCollection(FromEnvironment(environment ?? Environment.GetEnvironmentVariables()));
        IConfigurationRoot layered;
        try
        {
            layered = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException($"configuration file '{jsonPath}' is not valid JSON: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        if (cameraUrls.Count == 0)
            return layered;

        // Everything but the configured cameras, then the command-line ones.
        var flat = layered.AsEnumerable()
            .Where(kv => kv.Value is not null && !IsUnder(kv.Key, "Cameras"))
            .ToList();
        for (int i = 0; i < cameraUrls.Count; i++)
        {
            flat.Add(new($"Cameras:{i}:Id", $"cam{i + 1}"));
            flat.Add(new($"Cameras:{i}:Url", cameraUrls[i]));
        }
        return new ConfigurationBuilder().AddInMemoryCollection(flat).Build();
    }

    /// <summary>The <c>MMF_</c> variables of <paramref name="environment"/> as configuration keys ("__" becomes ":").</summary>
    internal static IEnumerable<KeyValuePair<string, string?>> FromEnvironment(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
                continue;
            string key = name[EnvironmentPrefix.Length..].Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
            if (key.Length > 0)
                yield return new(key, entry.Value as string);
        }
    }

    private static bool IsUnder(string key, string section) =>
        key.Equals(section, StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase);
}
