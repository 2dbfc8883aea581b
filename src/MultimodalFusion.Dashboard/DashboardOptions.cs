namespace MultimodalFusion.Dashboard;

/// <summary>Settings of the dashboard server and its feed, bound from the <c>Dashboard</c> configuration section.</summary>
/// <remarks>
/// Example: <c>"Dashboard": { "Urls": "http://127.0.0.1:5080", "Token": null, "ClipsRoot": "out" }</c>.
/// Binding to any address other than loopback requires <see cref="Token"/>; <see cref="Validate"/> says so
/// with the key name.
/// </remarks>
public sealed class DashboardOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Kestrel URLs, separated by ';'. Port 0 picks a free port (see <see cref="DashboardServer.Address"/>).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// Shared secret every request must carry (<c>Authorization: Bearer</c>, or <c>?token=</c> once, which sets an
    /// HttpOnly cookie). Null: no token, allowed only when every URL is loopback.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Folder that alert clip and snapshot paths are relative to (the app's output folder); served under
    /// <c>/clips/</c>. Null: no files are served.
    /// </summary>
    public string? ClipsRoot { get; set; }

    /// <summary>How much valence/arousal history the feed keeps per camera (and the page plots).</summary>
    public TimeSpan History { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many alerts the feed keeps (newest first); older ones fall off.</summary>
    public int MaxAlerts { get; set; } = 100;

    /// <summary>Every configuration problem, each naming its key (<c>Dashboard:Token</c>, ...); empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        IReadOnlyList<Uri> urls = [];
        try
        {
            urls = Http.BindAddresses.Parse(Urls);
        }
        catch (FormatException ex)
        {
            errors.Add($"{SectionName}:Urls: {ex.Message}");
        }
        if (Token is not null && string.IsNullOrWhiteSpace(Token))
            errors.Add($"{SectionName}:Token is blank; remove it (loopback only) or set a real secret.");
        if (string.IsNullOrWhiteSpace(Token) && urls.FirstOrDefault(u => !Http.BindAddresses.IsLoopback(u)) is { } open)
            errors.Add($"{SectionName}:Token is required when {SectionName}:Urls binds a non-loopback address ({open}); set {SectionName}:Token (e.g. MMF_Dashboard__Token) or bind http://127.0.0.1.");
        if (History <= TimeSpan.Zero || History > TimeSpan.FromHours(24))
            errors.Add($"{SectionName}:History must be between 00:00:01 and 24:00:00 (got {History}).");
        if (MaxAlerts is < 1 or > 100_000)
            errors.Add($"{SectionName}:MaxAlerts must be between 1 and 100000 (got {MaxAlerts}).");
        return errors;
    }
}
