using System.Text;

namespace MultimodalFusion.Dashboard.Tests.Support;

/// <summary>Reads server-sent events (event name + data) from an open <c>/api/events</c> response, for tests.</summary>
/// <remarks>Owns the response and its stream; dispose to close the connection.</remarks>
internal sealed class SseReader : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, Stream stream)
    {
        _response = response;
        _reader = new StreamReader(stream, Encoding.UTF8);
    }

    public static async Task<SseReader> OpenAsync(HttpClient client, string path = "/api/events", CancellationToken ct = default)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(response, await response.Content.ReadAsStreamAsync(ct));
    }

    /// <summary>The next event, or null when the server closed the stream. Comments and <c>retry</c> lines are skipped.</summary>
    public async Task<(string Name, string Data)?> NextAsync(CancellationToken ct)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null || data.Length > 0)
                    return (name ?? "message", data.ToString());
                continue;
            }
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data.Append(line["data: ".Length..]);
        }
        return null;
    }

    /// <summary>Reads events until one named <paramref name="name"/> whose data contains <paramref name="contains"/>.</summary>
    public async Task<string> WaitForAsync(string name, string contains, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (await NextAsync(cts.Token) is { } e)
        {
            if (e.Name == name && e.Data.Contains(contains, StringComparison.Ordinal))
                return e.Data;
        }
        throw new InvalidOperationException($"The event stream ended before a '{name}' event containing '{contains}'.");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
