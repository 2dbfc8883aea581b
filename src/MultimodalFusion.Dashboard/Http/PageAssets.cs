using Microsoft.AspNetCore.Http;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>The page's files (HTML, JS, CSS), embedded in the assembly: no CDN, no npm, nothing on disk.</summary>
internal sealed class PageAssets
{
    // Scripts and styles come from this origin only; frames and snapshots are same-origin images.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private readonly Dictionary<string, (byte[] Bytes, string Type)> _files = new(StringComparer.Ordinal);

    public PageAssets()
    {
        Load("index.html", "text/html; charset=utf-8");
        Load("dashboard.js", "text/javascript; charset=utf-8");
        Load("dashboard.css", "text/css; charset=utf-8");
    }

    /// <summary>Names of the embedded files, as served under '/'.</summary>
    public IEnumerable<string> Names => _files.Keys;

    public IResult Serve(HttpContext context, string name)
    {
        var (bytes, type) = _files[name];
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return Results.Bytes(bytes, type);
    }

    private void Load(string name, string type)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"Embedded page file 'wwwroot/{name}' is missing from {typeof(PageAssets).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        _files[name] = (copy.ToArray(), type);
    }
}
