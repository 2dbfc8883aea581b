using System.Text.RegularExpressions;

namespace MultimodalFusion.Core.Diagnostics;

/// <summary>Removes credentials from URLs in any text before it is logged or shown.</summary>
/// <remarks>
/// Covers <c>scheme://user:password@host</c>, <c>scheme://user@host</c> and query parameters named
/// as a secret (password, pass, pwd, token, key, secret, auth, signature, credential, alone or as the
/// last part of a name such as <c>access_token</c> or <c>x-api-key</c>). Thread-safe.
/// </remarks>
public static partial class CredentialRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    /// <summary><paramref name="text"/> with every credential it contains replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        if (!text.Contains("://", StringComparison.Ordinal) && !text.Contains('=', StringComparison.Ordinal))
            return text;
        string result = UserInfo().Replace(text, m => $"{m.Groups["scheme"].Value}://{Mask}@");
        return SecretQuery().Replace(result, m => $"{m.Groups["name"].Value}={Mask}");
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://[^/\s@?#]+@")]
    private static partial Regex UserInfo();

    // A secret parameter's name is one of these words, alone or as the last part after '_' or '-'
    // (access_token, x-api-key); "keyframe" or "passes" are not secrets.
    [GeneratedRegex(@"(?<=[?&;])(?<name>(?:[A-Za-z0-9]+[_\-])*(?:password|passwd|pass|pwd|token|secret|apikey|api_key|key|auth|signature|sig|credential|credentials))=[^&\s#""']*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretQuery();
}
