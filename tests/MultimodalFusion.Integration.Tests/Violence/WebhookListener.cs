using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// A webhook receiver on 127.0.0.1 (HttpListener): answers 200 to every POST, records each delivery with its
/// Idempotency-Key header, and keeps the first body per key, as a receiver that dedupes by key would.
/// </summary>
internal sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string? Key, string Body)> _deliveries = new();
    private readonly Task _loop;

    public WebhookListener()
    {
        for (int attempt = 0; ; attempt++)
        {
            Port = LoopbackServers.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Every delivery in arrival order, redeliveries included.</summary>
    public IReadOnlyList<(string? Key, string Body)> Deliveries => _deliveries.ToArray();

    /// <summary>Distinct keys in first-arrival order: what a deduplicating receiver acts on.</summary>
    public IReadOnlyList<string> AcceptedKeys => Deliveries.Select(d => d.Key ?? "(none)").Distinct().ToList();

    /// <summary>The state ("start", "update", "end") and idempotency key inside each accepted body.</summary>
    public IReadOnlyList<(string State, string BodyKey)> AcceptedEvents => Deliveries
        .DistinctBy(d => d.Key)
        .Select(d => JsonDocument.Parse(d.Body).RootElement)
        .Select(e => (e.GetProperty("state").GetString()!, e.GetProperty("idempotencyKey").GetString()!))
        .ToList();

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try
            {
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                    _deliveries.Enqueue((context.Request.Headers["Idempotency-Key"], await reader.ReadToEndAsync()));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { _listener.Stop(); _listener.Close(); } catch (Exception) { }
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(10)); } catch (Exception) { }
    }
}
