using System.Text.RegularExpressions;
using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Capture.Video;

/// <summary>
/// Collects ffmpeg's stderr for one run: keeps its last unindented lines (credentials redacted) for
/// error messages and finds the output frame size in its stream description.
/// </summary>
/// <remarks>Thread-safe: the stderr pump adds lines while the frame loop and the error path read.</remarks>
internal sealed partial class FfmpegLog
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;
    private readonly TaskCompletionSource<(int Width, int Height)?> _frameSize = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _inOutputSection;

    /// <summary>A log that keeps the last <paramref name="capacity"/> lines.</summary>
    public FfmpegLog(int capacity) => _capacity = Math.Max(1, capacity);

    /// <summary>
    /// The size of the raw frames ffmpeg writes, from its "Output #0" stream line
    /// (<c>Stream #0:0: Video: rawvideo (BGR[24] ...), bgr24(...), 720x528 ...</c>); null when ffmpeg ended without one.
    /// </summary>
    public Task<(int Width, int Height)?> FrameSize => _frameSize.Task;

    /// <summary>Adds one stderr line.</summary>
    public void Add(string line)
    {
        // Indented lines are the stream header (metadata, stream descriptions): noise in an error message.
        if (line.Length > 0 && !char.IsWhiteSpace(line[0]))
        {
            string safe = CredentialRedactor.Redact(line);
            lock (_lines)
            {
                _lines.Enqueue(safe);
                while (_lines.Count > _capacity)
                    _lines.Dequeue();
            }
        }
        // Input streams are described first and may be rawvideo too (v4l2): only the output section counts.
        if (line.StartsWith("Output #0", StringComparison.Ordinal))
            _inOutputSection = true;
        else if (_inOutputSection && OutputVideoStream().Match(line) is { Success: true } m)
            _frameSize.TrySetResult((int.Parse(m.Groups["w"].Value), int.Parse(m.Groups["h"].Value)));
    }

    /// <summary>Marks the end of stderr: no size will come any more.</summary>
    public void Complete() => _frameSize.TrySetResult(null);

    /// <summary>The kept lines, oldest first, joined for an error message; "(no output)" when there were none.</summary>
    public string Tail()
    {
        lock (_lines)
            return _lines.Count == 0 ? "(no output)" : string.Join(" | ", _lines.Select(l => l.Trim()));
    }

    [GeneratedRegex(@"Stream #\d+:\d+.*: Video: rawvideo.*?, bgr24\b.*?, (?<w>\d{1,5})x(?<h>\d{1,5})")]
    private static partial Regex OutputVideoStream();
}
