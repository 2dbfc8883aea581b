using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Sinks;

/// <summary>Appends each event's JSON as one line to a file; acknowledged once the line is flushed and fsynced.</summary>
/// <remarks>The file is opened per delivery (append, shared read), so it can be rotated or tailed while the sink runs.</remarks>
public sealed class JsonlSink : IAlertSink
{
    private readonly Lock _lock = new();

    /// <summary>A sink that appends to <paramref name="path"/> (folders created as needed).</summary>
    public JsonlSink(string path, string name = "jsonl")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Path = System.IO.Path.GetFullPath(path);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (json.Contains('\n'))
            throw new AlertDeliveryException(Name, $"JSONL sink {Path}: the JSON of {evt.IdempotencyKey} spans lines.", permanent: true);
        byte[] line = Encoding.UTF8.GetBytes(json + "\n");
        lock (_lock)
        {
            try
            {
                if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
                    Directory.CreateDirectory(dir);
                using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new AlertDeliveryException(Name, $"JSONL sink {Path}: {ex.Message}", permanent: false, ex);
            }
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
