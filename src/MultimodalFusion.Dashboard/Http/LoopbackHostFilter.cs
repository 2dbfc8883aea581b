using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>
/// Without a token the dashboard trusts loopback alone; this refuses requests whose <c>Host</c> header is not a
/// loopback name or address, so a web page whose DNS name was rebound to 127.0.0.1 cannot read frames or state
/// through the visitor's browser (DNS rebinding).
/// </summary>
internal static class LoopbackHostFilter
{
    public static void Install(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!IsLoopbackHost(context.Request.Host.Host))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                "403: without Dashboard:Token the dashboard answers only to loopback host names (localhost, 127.0.0.1, [::1]).\n").ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    });

    public static bool IsLoopbackHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
            return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
