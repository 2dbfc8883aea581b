using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Alerts.Sinks;

/// <summary>Settings of a <see cref="WebhookSink"/> (config section Sinks:Webhook).</summary>
public sealed record WebhookSinkOptions
{
    /// <summary>The sink's name in the outbox.</summary>
    public string Name { get; init; } = "webhook";

    /// <summary>The http(s) URL that receives a POST per event transition.</summary>
    public string Url { get; init; } = "";

    /// <summary>Shared secret for the HMAC-SHA256 signature header; null or empty: unsigned.</summary>
    public string? Secret { get; init; }

    /// <summary>Header carrying "sha256=" + lowercase hex HMAC-SHA256 of the request body under <see cref="Secret"/>.</summary>
    public string SignatureHeader { get; init; } = "X-Mmf-Signature";

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when a value is invalid.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("WebhookSinkOptions.Name must not be empty.");
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"WebhookSinkOptions.Url must be an absolute http or https URL (was '{CredentialRedactor.Redact(Url)}').");
        if (string.IsNullOrWhiteSpace(SignatureHeader))
            throw new ArgumentException("WebhookSinkOptions.SignatureHeader must not be empty.");
    }
}
