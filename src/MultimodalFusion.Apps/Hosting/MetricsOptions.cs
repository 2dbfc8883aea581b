namespace MultimodalFusion.Apps.Hosting;

/// <summary>Where the Prometheus scraping endpoint listens (config section <c>Metrics</c>).</summary>
public sealed record MetricsOptions
{
    /// <summary>The config section these options are bound from.</summary>
    public const string Section = "Metrics";

    /// <summary>Serve <c>/metrics</c> at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The listener's base address (host and port); metrics are at <c>{PrometheusUrl}metrics</c>.</summary>
    public string PrometheusUrl { get; init; } = "http://127.0.0.1:9464/";

    /// <summary>The parsed <see cref="PrometheusUrl"/> (valid options only).</summary>
    public Uri PrometheusUri => new(PrometheusUrl, UriKind.Absolute);

    /// <summary>Every problem, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        if (!Enabled)
            return [];
        if (!Uri.TryCreate(PrometheusUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || string.IsNullOrEmpty(uri.Host))
            return [$"{Section}:PrometheusUrl: '{PrometheusUrl}' is not an http:// address with a host (e.g. http://127.0.0.1:9464/)."];
        if (uri.AbsolutePath != "/")
            return [$"{Section}:PrometheusUrl: '{PrometheusUrl}' must have no path: metrics are always served at /metrics."];
        return [];
    }
}
