using Microsoft.Extensions.Configuration;
using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Apps.Configuration;

/// <summary>Everything the violence-alerting app reads from configuration: the profile, the cameras, the sinks and how live cameras reconnect.</summary>
/// <remarks>
/// Bound from the root of an appsettings-shaped <see cref="IConfiguration"/> (see DESIGN.md "Configuration") and
/// validated once at start-up by <see cref="Load"/>; every message names its key (e.g. "Cameras[1].Url: ...") and
/// passes through <see cref="CredentialRedactor"/>, so a camera password never reaches a log. Immutable.
/// </remarks>
public sealed record ViolenceAppOptions
{
    /// <summary>Profile defaults (<c>Profiles</c>).</summary>
    public ProfilesOptions Profiles { get; init; } = new();

    /// <summary>The cameras (<c>Cameras</c>), each with its own overrides.</summary>
    public IReadOnlyList<CameraOptions> Cameras { get; init; } = [];

    /// <summary>Alert destinations (<c>Sinks</c>).</summary>
    public SinksOptions Sinks { get; init; } = new();

    /// <summary>How live cameras reconnect (<c>Reconnect</c>).</summary>
    public ReconnectOptions Reconnect { get; init; } = new();

    /// <summary>Binds <paramref name="configuration"/> and validates it; throws <see cref="AppConfigurationException"/> listing every problem.</summary>
    public static ViolenceAppOptions Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ViolenceAppOptions options;
        try
        {
            options = new ViolenceAppOptions
            {
                Profiles = configuration.GetSection("Profiles").Get<ProfilesOptions>() ?? new(),
                Cameras = configuration.GetSection("Cameras").Get<List<CameraOptions>>() ?? [],
                Sinks = configuration.GetSection("Sinks").Get<SinksOptions>() ?? new(),
                Reconnect = configuration.GetSection(ReconnectOptions.Section).Get<ReconnectOptions>() ?? new(),
            };
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the bad value (e.g. a TimeSpan written as "2s"); the value may hold a URL.
            throw new AppConfigurationException([CredentialRedactor.Redact(ex.Message + (ex.InnerException is { } inner ? " " + inner.Message : ""))]);
        }
        options.Validate();
        return options;
    }

    /// <summary>The profile with <paramref name="camera"/>'s overrides applied.</summary>
    public ViolenceProfileOptions ProfileFor(CameraOptions camera) => Profiles.Violence.MergedWith(camera);

    /// <summary>Every problem, each naming its key, credentials redacted; empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        Profiles.Violence.AddErrors(errors, "Profiles:Violence");
        if (Cameras.Count == 0)
            errors.Add("Cameras: at least one camera is needed.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Cameras.Count; i++)
        {
            string key = $"Cameras[{i}]";
            var camera = Cameras[i];
            camera.AddErrors(errors, key);
            if (!string.IsNullOrWhiteSpace(camera.Id) && !seen.Add(camera.Id))
                errors.Add($"{key}.Id: '{camera.Id}' is used by an earlier camera.");
            // Only the camera's own overrides can be wrong here; the profile's problems are reported once above.
            var merged = new List<string>();
            ProfileFor(camera).AddErrors(merged, key);
            var own = new List<string>();
            Profiles.Violence.AddErrors(own, key);
            errors.AddRange(merged.Except(own));
        }
        Sinks.AddErrors(errors);
        Reconnect.AddErrors(errors);
        return errors.Select(CredentialRedactor.Redact).ToList();
    }

    /// <summary>Throws <see cref="AppConfigurationException"/> listing every problem when invalid.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
            throw new AppConfigurationException(errors);
    }
}
