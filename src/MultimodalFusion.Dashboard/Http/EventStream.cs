using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>
/// <c>/api/events</c>: server-sent events. First a <c>snapshot</c> event (the whole feed), then one event per change
/// (<c>frame</c>, <c>emotion</c>, <c>alert</c>, <c>status</c>; data is the JSON record), and a comment line as a
/// heartbeat when nothing happens, so proxies keep the connection and dead clients are noticed.
/// </summary>
/// <remarks>
/// Frame changes are coalesced per camera within one drain of the queue (order otherwise kept): a browser behind by
/// several frames is told only about the newest. The browser's EventSource reconnects by itself (<c>retry</c> is sent) and gets a fresh snapshot.
/// </remarks>
internal sealed class EventStream
{
    private static readonly TimeSpan s_heartbeat = TimeSpan.FromSeconds(15);
    private readonly DashboardFeed _feed;
    private readonly CancellationToken _stopping;

    public EventStream(DashboardFeed feed, CancellationToken stopping)
    {
        _feed = feed;
        _stopping = stopping;
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping);
        var ct = cts.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Subscribe before taking the snapshot: a change in between is sent twice (harmless), never lost.
        using var subscription = _feed.Subscribe();
        var text = new StringBuilder("retry: 2000\n\n");
        Append(text, "snapshot", DashboardJson.Serialize(_feed.GetSnapshot()));
        try
        {
            await WriteAsync(response, text, ct).ConfigureAwait(false);
            var reader = subscription.Changes;
            var batch = new List<DashboardChange>();
            var lastFrame = new Dictionary<string, int>(StringComparer.Ordinal);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(s_heartbeat);
                bool ready;
                try
                {
                    ready = await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    text.Append(": ping\n\n");
                    await WriteAsync(response, text, ct).ConfigureAwait(false);
                    continue;
                }
                if (!ready)
                    return;
                while (reader.TryRead(out var change))
                {
                    batch.Add(change);
                    if (change.Kind == DashboardChangeKind.Frame)
                        lastFrame[change.Camera] = batch.Count - 1;
                }
                // Order is kept; of several frames of one camera only the last is sent, where it was.
                for (int i = 0; i < batch.Count; i++)
                {
                    var change = batch[i];
                    if (change.Kind != DashboardChangeKind.Frame || lastFrame[change.Camera] == i)
                        Append(text, Name(change.Kind), DashboardJson.Serialize(change.Data));
                }
                batch.Clear();
                lastFrame.Clear();
                await WriteAsync(response, text, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away or the server is stopping: the stream just ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private static string Name(DashboardChangeKind kind) => kind switch
    {
        DashboardChangeKind.Frame => "frame",
        DashboardChangeKind.Emotion => "emotion",
        DashboardChangeKind.Alert => "alert",
        DashboardChangeKind.Status => "status",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    // JSON from System.Text.Json has no raw newlines, so one data line carries it.
    private static void Append(StringBuilder text, string name, string json) =>
        text.Append("event: ").Append(name).Append("\ndata: ").Append(json).Append("\n\n");

    private static async Task WriteAsync(HttpResponse response, StringBuilder text, CancellationToken ct)
    {
        await response.WriteAsync(text.ToString(), ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
        text.Clear();
    }
}
