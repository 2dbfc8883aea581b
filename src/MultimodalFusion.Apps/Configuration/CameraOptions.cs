namespace MultimodalFusion.Apps.Configuration;

/// <summary>One configured camera (config array <c>Cameras</c>); null values fall back to the profile's.</summary>
public sealed record CameraOptions
{
    /// <summary>Camera id: names its events, clip folder and MQTT topic; letters, digits, '-', '_' and '.'.</summary>
    public string Id { get; init; } = "";

    /// <summary>Where frames come from: rtsp(s)://..., http(s)://..., camera:N, /dev/videoN or a video file path.</summary>
    public string Url { get; init; } = "";

    /// <summary>Frames per second to score (and to write clips at).</summary>
    public double Fps { get; init; } = 10;

    /// <summary>The profile this camera runs; only "Violence" for now.</summary>
    public string Profile { get; init; } = "Violence";

    /// <summary>Overrides the profile's Window.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Overrides the profile's Hop.</summary>
    public TimeSpan? Hop { get; init; }

    /// <summary>Overrides the profile's Threshold.</summary>
    public double? Threshold { get; init; }

    /// <summary>Overrides the profile's FramesToStart.</summary>
    public int? FramesToStart { get; init; }

    /// <summary>Overrides the profile's Cutoff.</summary>
    public TimeSpan? Cutoff { get; init; }

    /// <summary>Overrides the profile's Cooldown.</summary>
    public TimeSpan? Cooldown { get; init; }

    /// <summary>Overrides the profile's ClipBefore.</summary>
    public TimeSpan? ClipBefore { get; init; }

    /// <summary>Overrides the profile's ClipAfter.</summary>
    public TimeSpan? ClipAfter { get; init; }

    /// <summary>Adds this camera's own problems (not the merged profile's) to <paramref name="errors"/>, prefixed with <paramref name="key"/>.</summary>
    internal void AddErrors(List<string> errors, string key)
    {
        if (string.IsNullOrWhiteSpace(Id))
            errors.Add($"{key}.Id: must not be empty.");
        else if (!Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || Id is "." or "..")
            errors.Add($"{key}.Id: '{Id}' may hold only letters, digits, '-', '_' and '.' (it names a folder and a topic).");
        if (!double.IsFinite(Fps) || Fps <= 0 || Fps > 240)
            errors.Add($"{key}.Fps: must be in (0, 240] (was {Fps}).");
        if (!string.Equals(Profile, "Violence", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{key}.Profile: '{Profile}' is not a known camera profile (known: Violence).");
        if (string.IsNullOrWhiteSpace(Url))
        {
            errors.Add($"{key}.Url: must not be empty.");
            return;
        }
        if (Url.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("rtsp" or "rtsps" or "http" or "https") || string.IsNullOrEmpty(uri.Host))
                errors.Add($"{key}.Url: '{Url}' is not an rtsp(s):// or http(s):// address with a host.");
        }
        else if (!Url.StartsWith("camera:", StringComparison.Ordinal) && !Url.StartsWith("/dev/video", StringComparison.Ordinal) && !File.Exists(Url))
        {
            errors.Add($"{key}.Url: video file '{Url}' does not exist.");
        }
    }
}
