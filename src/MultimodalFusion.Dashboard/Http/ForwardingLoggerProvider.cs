using Microsoft.Extensions.Logging;

namespace MultimodalFusion.Dashboard.Http;

/// <summary>Hands the web host's loggers to the application's <see cref="ILoggerFactory"/>, so the host's filters still apply.</summary>
/// <remarks>Does not own the factory: disposing the provider (when the server stops) leaves the application's logging alone.</remarks>
internal sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
