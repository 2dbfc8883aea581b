using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Alerts.Sinks;

/// <summary>POSTs each event's JSON to a URL with an Idempotency-Key header and, when a secret is set, an HMAC signature.</summary>
/// <remarks>
/// A 2xx answer is the acknowledgement. 4xx other than 408 and 429 is a permanent rejection (the row is parked);
/// 408, 429, 5xx and network errors are retried by the dispatcher. The URL is redacted in every message.
/// Owns its HttpClient unless one was given.
/// </remarks>
public sealed class WebhookSink : IAlertSink
{
    /// <summary>The header that carries the event's idempotency key.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly WebhookSinkOptions _options;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly byte[]? _secret;
    private readonly Uri _url;
    private readonly string _safeUrl;
    private readonly ILogger _logger;

    /// <summary>A sink for <paramref name="options"/>; <paramref name="httpClient"/> (not owned) or a new one (owned).</summary>
    public WebhookSink(WebhookSinkOptions options, HttpClient? httpClient = null, ILogger<WebhookSink>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _url = new Uri(options.Url);
        _safeUrl = CredentialRedactor.Redact(options.Url);
        _secret = string.IsNullOrEmpty(options.Secret) ? null : Encoding.UTF8.GetBytes(options.Secret);
        _ownsHttp = httpClient is null;
        // The dispatcher's per-attempt timeout governs; the client's own would only cut it shorter.
        _http = httpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>"sha256=" + lowercase hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/>: what receivers check.</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    /// <inheritdoc />
    public async Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, evt.IdempotencyKey);
        if (_secret is not null)
            request.Headers.TryAddWithoutValidation(_options.SignatureHeader, Sign(_secret, body));
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException(Name, $"Webhook {_safeUrl}: {CredentialRedactor.Redact(ex.Message)}", permanent: false, ex);
        }
        using (response)
        {
            int code = (int)response.StatusCode;
            if (code is >= 200 and < 300)
            {
                _logger.LogDebug("Webhook {Url} acknowledged {Key} with HTTP {Code}", _safeUrl, evt.IdempotencyKey, code);
                return;
            }
            bool permanent = code is >= 400 and < 500 && response.StatusCode is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;
            throw new AlertDeliveryException(Name,
                $"Webhook {_safeUrl} answered {evt.IdempotencyKey} with HTTP {code} {response.ReasonPhrase}", permanent);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_ownsHttp)
            _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
