using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Core.Diagnostics;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>
/// Requires <see cref="DashboardOptions.Token"/> on every request: <c>Authorization: Bearer TOKEN</c>, the session
/// cookie, or <c>?token=TOKEN</c> (which sets the HttpOnly cookie so the page, its SSE stream and images work).
/// </summary>
/// <remarks>
/// The cookie holds an HMAC of the token, not the token. Comparisons are constant-time. A page opened with
/// <c>?token=</c> is redirected to the same path without it, so the secret does not stay in the address bar.
/// </remarks>
internal sealed class TokenGate
{
    public const string CookieName = "mmf_dashboard";
    public const string QueryName = "token";

    private readonly byte[] _token;
    private readonly byte[] _cookieValue;
    private readonly string _cookieText;
    private readonly ILogger _logger;

    public TokenGate(string token, ILogger logger)
    {
        _token = Encoding.UTF8.GetBytes(token);
        _cookieValue = HMACSHA256.HashData(_token, "mmf-dashboard-session-v1"u8);
        _cookieText = Base64Url(_cookieValue);
        _logger = logger;
    }

    public void Install(IApplicationBuilder app) => app.Use(InvokeAsync);

    private async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Query.TryGetValue(QueryName, out var queryToken))
        {
            if (!Matches(_token, queryToken.ToString()))
            {
                await RejectAsync(context).ConfigureAwait(false);
                return;
            }
            context.Response.Cookies.Append(CookieName, _cookieText, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = request.IsHttps,
                Path = "/",
            });
            if (HttpMethods.IsGet(request.Method) && request.Path == "/")
            {
                context.Response.Redirect("/", permanent: false);
                return;
            }
        }
        else if (!HasBearer(request) && !HasCookie(request))
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    private bool HasBearer(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && Matches(_token, header[prefix.Length..].Trim());
    }

    private bool HasCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out string? cookie) && cookie is not null && Matches(Encoding.ASCII.GetBytes(_cookieText), cookie);

    private static bool Matches(byte[] expected, string given) =>
        CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(given));

    private Task RejectAsync(HttpContext context)
    {
        _logger.LogDebug("Dashboard refused {Method} {Path}: missing or wrong token", context.Request.Method,
            CredentialRedactor.Redact(context.Request.Path + context.Request.QueryString));
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"mmf-dashboard\"";
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(
            "401: missing or wrong dashboard token (Dashboard:Token). Send 'Authorization: Bearer TOKEN' or open /?token=TOKEN once.\n");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
