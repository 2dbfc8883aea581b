using System.Net;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>Parses <see cref="DashboardOptions.Urls"/> and tells loopback bindings from open ones.</summary>
internal static class BindAddresses
{
    /// <summary>The URLs in <paramref name="urls"/> (';' separated); Kestrel's wildcards '*' and '+' become 0.0.0.0.</summary>
    /// <exception cref="FormatException">Empty, not absolute, not http, or with a path.</exception>
    public static IReadOnlyList<Uri> Parse(string? urls)
    {
        var parts = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new FormatException("no URL given (e.g. http://127.0.0.1:5080).");
        var result = new List<Uri>(parts.Length);
        foreach (string part in parts)
        {
            string normalised = part.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
                throw new FormatException($"'{part}' is not an absolute URL (e.g. http://127.0.0.1:5080).");
            if (uri.Scheme != Uri.UriSchemeHttp)
                throw new FormatException($"'{part}': only http is served; put a TLS reverse proxy in front for https.");
            if (uri.AbsolutePath != "/")
                throw new FormatException($"'{part}': a path base is not supported; give scheme, host and port only.");
            result.Add(uri);
        }
        return result;
    }

    /// <summary>True when <paramref name="url"/> listens on loopback only (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(Uri url)
    {
        if (url.IsLoopback)
            return true;
        string host = url.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
