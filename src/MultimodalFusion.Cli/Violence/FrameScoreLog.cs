using System.Globalization;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Cli.Violence;

/// <summary>
/// <c>mmf violence --scores FILE</c>: one CSV line per scored frame, <c>utc,camera,score</c> (header first), to tune
/// a threshold or see when a camera's frames arrive.
/// </summary>
/// <remarks>
/// <c>utc</c> is the frame's capture time (arrival time for live cameras) on the app's clock-to-UTC mapping, the same
/// mapping as the events' start and end, in ISO 8601 with microseconds; <c>score</c> is P(violent) at round-trip precision ("NaN" when the
/// frame was not scored). Fed by <see cref="ViolenceAppHooks.FrameScored"/> from every camera loop (thread-safe, one
/// lock); lines are buffered and reach the file on <see cref="Flush"/> and <see cref="Dispose"/>, so a killed process
/// loses at most the lines since the last flush. Owns the file.
/// </remarks>
internal sealed class FrameScoreLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();
    private ClockUtcMapping? _mapping;
    private long _lines;

    /// <summary>Creates (or truncates) <paramref name="path"/>; throws <see cref="IOException"/> naming it when that fails.</summary>
    public FrameScoreLog(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
                Directory.CreateDirectory(dir);
            _writer = new StreamWriter(Path, append: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write the scores file '{path}': {ex.Message}", ex);
        }
        _writer.WriteLine("utc,camera,score");
    }

    /// <summary>Full path of the CSV file.</summary>
    public string Path { get; }

    /// <summary>Lines written (header excluded).</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Binds the app's clock-to-UTC mapping; frames scored before this are not logged.</summary>
    public void Bind(ClockUtcMapping mapping)
    {
        lock (_lock)
            _mapping = mapping;
    }

    /// <summary>The per-frame hook: appends one line (the frame is only read for its timestamp).</summary>
    public void OnFrameScored(string camera, VideoFrame frame, float score)
    {
        lock (_lock)
        {
            if (_mapping is not { } mapping)
                return;
            var utc = mapping.ToUtc(frame.CaptureMicros).UtcDateTime;
            _writer.Write(utc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
            _writer.Write(',');
            _writer.Write(camera);
            _writer.Write(',');
            _writer.WriteLine(score.ToString("R", CultureInfo.InvariantCulture));
            _lines++;
        }
    }

    /// <summary>Pushes buffered lines to the file.</summary>
    public void Flush()
    {
        lock (_lock)
            _writer.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
            _writer.Dispose();
    }
}
