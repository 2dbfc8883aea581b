using System.Globalization;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Clips;

/// <summary>One camera's clip folder: names, publishing a finished or abandoned partial clip, and recovery at start-up.</summary>
/// <remarks>
/// <para>Names in <c>{root}/clips/{camera}/</c>: <c>{id}.mp4</c> is the event's clip (the path the alert's clip field
/// names) and exists only once complete, as an ordinary mp4 (stream copy of the fragmented one, index up front);
/// <c>{id}.partial.mp4</c> is being written (or was left by a stopped run);
/// <c>{id}.partial.mp4.unplayable</c> held no complete frame and is kept aside for a person to look at;
/// <c>*.tmp.mp4</c>/<c>*.tmp.txt</c>/<c>*.tmp.jpg</c> are scratch files of an interrupted publish, deleted at start-up.</para>
/// <para>An event that continues after a restart adds a later part: publishing it while <c>{id}.mp4</c> exists joins the
/// two (ffmpeg concat, stream copy; same encoder settings and size) into a new <c>{id}.mp4</c>, replaced in one rename.
/// If the join fails the earlier part stays as <c>{id}.mp4</c> and the later one is kept as <c>{id}.part2.mp4</c>
/// (higher numbers after more restarts), named in a warning.</para>
/// <para>Used from the recorder's writer loop only; every step is a rename or a new file, so a kill at any point leaves
/// either the old or the new complete file under <c>{id}.mp4</c>.</para>
/// </remarks>
internal sealed class ClipFiles
{
    private const string PartialSuffix = ".partial.mp4";
    private static readonly TimeSpan s_toolTimeout = TimeSpan.FromSeconds(120);
    private readonly EventClipRecorderOptions _options;
    private readonly ILogger _logger;
    private readonly string _camera;

    public ClipFiles(string folder, string camera, EventClipRecorderOptions options, ILogger logger)
    {
        Folder = folder;
        _camera = camera;
        _options = options;
        _logger = logger;
    }

    public string Folder { get; }

    public string FinalPath(string eventId) => Path.Combine(Folder, eventId + ".mp4");

    public string PartialPath(string eventId) => Path.Combine(Folder, eventId + PartialSuffix);

    public string SnapshotPath(string eventId) => Path.Combine(Folder, eventId + ".jpg");

    /// <summary>
    /// Publishes event <paramref name="eventId"/>'s partial clip as <c>{id}.mp4</c> (joined after an earlier part if one
    /// exists). <paramref name="finishedCleanly"/>: ffmpeg exited 0, so the file is whole; otherwise its complete frames
    /// are salvaged first. Returns the path that now holds the event's clip, or null when nothing playable was left.
    /// </summary>
    public string? Publish(string eventId, bool finishedCleanly)
    {
        string partial = PartialPath(eventId), final = FinalPath(eventId);
        if (!File.Exists(partial))
            return File.Exists(final) ? final : null;
        string part = Finalize(eventId, partial, finishedCleanly);
        if (part.Length == 0)
            return File.Exists(final) ? final : null;
        if (!File.Exists(final))
        {
            File.Move(part, final);
            return final;
        }
        Join(eventId, final, part);
        return final;
    }

    /// <summary>
    /// Start-up: deletes scratch files and publishes every partial clip a stopped run left (salvaging its complete
    /// frames). Returns the ids of the events whose partial clip was found.
    /// </summary>
    public IReadOnlyList<string> RecoverLeftovers()
    {
        if (!Directory.Exists(Folder))
            return [];
        foreach (string scratch in new[] { "*.tmp.mp4", "*.tmp.txt", "*.tmp.jpg" }.SelectMany(p => Directory.EnumerateFiles(Folder, p)))
            File.Delete(scratch);
        var ids = new List<string>();
        foreach (string partial in Directory.EnumerateFiles(Folder, "*" + PartialSuffix).Order(StringComparer.Ordinal))
        {
            string id = Path.GetFileName(partial)[..^PartialSuffix.Length];
            ids.Add(id);
            string? published = Publish(id, finishedCleanly: false);
            if (published is not null)
                _logger.LogWarning("Clip recorder of camera {Camera}: recovered the clip of event {EventId} left unfinished by a stopped run: {Path}",
                    _camera, id, published);
        }
        return ids;
    }

    /// <summary>Frame size of the clip at <paramref name="path"/>, or null when it cannot be read.</summary>
    public Size? ProbeSize(string path)
    {
        var r = ClipTool.Run(_options.FfprobePath, ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
            s_toolTimeout, $"reading the size of clip '{path}'");
        var parts = r.Stdout.Trim().Split(',');
        return r.Ok && parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int w) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int h)
            ? new Size(w, h) : null;
    }

    /// <summary>
    /// Video packets of <paramref name="path"/> that lie wholly inside the file, counted from the start (a killed
    /// writer can leave a fragment whose index names bytes that were never written); 0 when it cannot be read.
    /// </summary>
    public int CompletePackets(string path)
    {
        long length = new FileInfo(path).Length;
        var r = ClipTool.Run(_options.FfprobePath, ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pos,size", "-of", "csv=p=0", path],
            s_toolTimeout, $"probing clip '{path}'");
        if (!r.Ok)
            return 0;
        int complete = 0;
        foreach (string line in r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(',');
            if (parts.Length < 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out long pos)
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out long size) || pos + size > length)
                break;
            complete++;
        }
        return complete;
    }

    // Copies the partial file's frames (all of a cleanly finished one, else the complete ones) into an ordinary mp4 with its
    // index up front (seekable, frame count in the header, plays progressively in browsers) and deletes the partial.
    // Returns that scratch file, or "" when nothing playable was left (the partial is then moved aside).
    private string Finalize(string eventId, string partial, bool finishedCleanly)
    {
        int complete = finishedCleanly ? int.MaxValue : CompletePackets(partial);
        string tmp = Path.Combine(Folder, eventId + ".final.tmp.mp4");
        var args = new List<string> { "-hide_banner", "-v", "error", "-i", partial, "-map", "0:v:0", "-c", "copy" };
        if (!finishedCleanly)
            args.AddRange(["-frames:v", complete.ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-movflags", "+faststart", "-f", "mp4", "-y", tmp]);
        var r = complete == 0 ? default : ClipTool.Run(_options.FfmpegPath, args, s_toolTimeout, $"finishing clip '{partial}'");
        if (complete == 0 || !r.Ok)
        {
            File.Delete(tmp);
            string aside = partial + ".unplayable";
            File.Move(partial, aside, overwrite: true);
            _logger.LogWarning("Clip recorder of camera {Camera}: {Partial} holds no playable frame ({Reason}); moved aside to {Aside}, not used as a clip",
                _camera, partial, complete == 0 ? "no complete frame" : r.StderrTail, aside);
            return "";
        }
        File.Delete(partial);
        if (!finishedCleanly)
            _logger.LogInformation("Clip recorder of camera {Camera}: salvaged {Frames} complete frames of unfinished {Partial}", _camera, complete, partial);
        return tmp;
    }

    // Joins the earlier part (final) and a later part into a new final; on failure keeps the later part beside it.
    private void Join(string eventId, string final, string part)
    {
        string list = Path.Combine(Folder, eventId + ".join.tmp.txt");
        string joined = Path.Combine(Folder, eventId + ".join.tmp.mp4");
        File.WriteAllLines(list, [ConcatLine(final), ConcatLine(part)]);
        var r = ClipTool.Run(_options.FfmpegPath,
            ["-hide_banner", "-v", "error", "-f", "concat", "-safe", "0", "-i", list, "-map", "0:v:0", "-c", "copy",
             "-movflags", "+faststart", "-f", "mp4", "-y", joined], s_toolTimeout, $"joining the parts of clip '{final}'");
        File.Delete(list);
        if (r.Ok)
        {
            File.Move(joined, final, overwrite: true);
            File.Delete(part);
            _logger.LogInformation("Clip recorder of camera {Camera}: joined the part recorded after a restart to {Path}", _camera, final);
            return;
        }
        File.Delete(joined);
        int n = 2;
        while (File.Exists(Path.Combine(Folder, $"{eventId}.part{n}.mp4")))
            n++;
        string aside = Path.Combine(Folder, $"{eventId}.part{n}.mp4");
        File.Move(part, aside);
        _logger.LogWarning("Clip recorder of camera {Camera}: could not join the later part of event {EventId} to {Path} ({Error}); it is kept as {Aside}",
            _camera, eventId, final, r.StderrTail, aside);
    }

    // One line of an ffmpeg concat list: the path quoted, each ' written as '\''.
    private static string ConcatLine(string path) => "file '" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
}
