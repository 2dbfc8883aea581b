using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MultimodalFusion.Alerts.Sinks;

namespace MultimodalFusion.Alerts.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) that receives webhook POSTs the way a careful receiver would:
/// it checks the HMAC signature, answers a scripted status, and drops duplicates by Idempotency-Key.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly byte[]? _secret;
    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentDictionary<string, string> _accepted = new();
    private readonly List<string> _acceptedOrder = [];
    private readonly TaskCompletionSource _releaseHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public sealed record Request(int Number, string? Key, string Body, string? Signature, bool SignatureValid, int Status);

    public WebhookReceiver(string? secret = null)
    {
        _secret = secret is null ? null : Encoding.UTF8.GetBytes(secret);
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Status for request number n (1-based) and its key; default: 200.</summary>
    public Func<int, string?, int> StatusFor { get; set; } = (_, _) => 200;

    /// <summary>Requests with these numbers are processed at once but answered only after <see cref="ReleaseHeld"/> (a slow receiver).</summary>
    public HashSet<int> Hold { get; } = [];

    public IReadOnlyList<Request> Requests => _requests.ToArray();

    /// <summary>Keys acknowledged with 2xx, each once, in first-acknowledged order (what a dedup'ing receiver keeps).</summary>
    public IReadOnlyList<string> AcceptedKeys { get { lock (_acceptedOrder) return _acceptedOrder.ToArray(); } }

    public IReadOnlyDictionary<string, string> AcceptedBodies => _accepted;

    public void ReleaseHeld() => _releaseHeld.TrySetResult();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        int number = Interlocked.Increment(ref _count);
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            body = await reader.ReadToEndAsync();
        string? key = context.Request.Headers[WebhookSink.IdempotencyKeyHeader];
        string? signature = context.Request.Headers["X-Mmf-Signature"];
        bool valid = _secret is null || signature == WebhookSink.Sign(_secret, Encoding.UTF8.GetBytes(body));
        int status = !valid ? 401 : StatusFor(number, key);
        _requests.Enqueue(new Request(number, key, body, signature, valid, status));
        if (status is >= 200 and < 300 && key is not null && _accepted.TryAdd(key, body))
            lock (_acceptedOrder) _acceptedOrder.Add(key);
        try
        {
            // A held request was processed (accepted above) but its answer is late: the sender may give up first.
            if (Hold.Contains(number))
                await _releaseHeld.Task;
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        ReleaseHeld();
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
    }
}
