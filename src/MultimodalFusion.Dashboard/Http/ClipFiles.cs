using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>Serves alert clips and snapshots from <see cref="DashboardOptions.ClipsRoot"/>, refusing any path that leaves it.</summary>
internal sealed class ClipFiles
{
    private static readonly FileExtensionContentTypeProvider s_types = new();
    private readonly string? _root; // full path with a trailing separator, or null: nothing is served

    public ClipFiles(string? root) =>
        _root = string.IsNullOrWhiteSpace(root) ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;

    public IResult Serve(string? relative)
    {
        if (_root is null)
            return Results.NotFound("No clips folder is configured (Dashboard:ClipsRoot).");
        if (!TryResolve(_root, relative, out string? full))
            return Results.BadRequest("Path refused: it must stay inside the clips folder.");
        if (!File.Exists(full))
            return Results.NotFound($"No such clip or snapshot: {relative}");
        if (!s_types.TryGetContentType(full, out string? type))
            type = "application/octet-stream";
        return Results.File(full, type, enableRangeProcessing: true);
    }

    /// <summary>
    /// The full path of <paramref name="relative"/> under <paramref name="root"/> (full, ending in a separator), or false
    /// when it is rooted, contains a '..' segment or a NUL, or resolves (symbolic links followed) outside the root.
    /// </summary>
    public static bool TryResolve(string root, string? relative, out string full)
    {
        full = "";
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0') || Path.IsPathRooted(relative)
            || relative.StartsWith('/') || relative.StartsWith('\\') || relative.Contains(':'))
            return false;
        var segments = relative.Split('/', '\\');
        if (segments.Any(s => s == ".."))
            return false;
        string candidate = Path.GetFullPath(Path.Combine(root, relative));
        if (!candidate.StartsWith(root, StringComparison.Ordinal))
            return false;
        // A link inside the root may point anywhere: follow it and check again.
        var info = new FileInfo(candidate);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal))
                return false;
        }
        full = candidate;
        return true;
    }
}
