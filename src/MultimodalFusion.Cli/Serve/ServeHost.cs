using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultimodalFusion.Apps.Hosting;
using MultimodalFusion.Apps.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Serilog;

namespace MultimodalFusion.Cli.Serve;

/// <summary>Builds the Generic Host of <c>mmf serve</c>: Serilog, OpenTelemetry metrics with the Prometheus listener, the dashboard when configured, the cameras.</summary>
/// <remarks>
/// Hosted services start in this order and stop in reverse: the metrics listener, the dashboard (server, status),
/// then the cameras, so that on a stop the cameras flush their events (the dashboard sink included) while the
/// dashboard still serves. Shutdown gets 25 s in all, inside the CLI's 30 s process-termination budget.
/// </remarks>
internal static class ServeHost
{
    /// <summary>The host's whole shutdown budget (the cameras' flush timeout is at most 20 s of it).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    /// <summary>A host over <paramref name="configuration"/> logging through <paramref name="logger"/> (owned by the host from here on).</summary>
    public static IHost Build(IConfigurationRoot configuration, Serilog.ILogger logger)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.AddSerilog(logger, dispose: true);
        builder.Services.AddMetrics();

        var metrics = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new();
        if (metrics.Enabled && metrics.GetErrors().Count == 0)
        {
            // Bad values are reported by the options validation at start; only a valid URL is handed to the listener.
            var uri = metrics.PrometheusUri;
            builder.Services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService("mmf"))
                .WithMetrics(m => m
                .AddMeter(MmfMeter.Name)
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = uri.Host;
                    o.Port = uri.Port;
                    o.ScrapeEndpointPath = "/metrics";
                }));
        }
        if (ServeDashboard.IsConfigured(configuration))
            ServeDashboard.Add(builder.Services, configuration);
        builder.Services.AddViolenceServing(configuration);
        return builder.Build();
    }

    /// <summary>The failures of an options validation that refused the start, each naming its key; empty for any other exception.</summary>
    public static IReadOnlyList<string> ValidationFailures(Exception ex) => ex switch
    {
        OptionsValidationException v => [.. v.Failures],
        AggregateException a when a.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. a.InnerExceptions.Cast<OptionsValidationException>().SelectMany(v => v.Failures)],
        _ => [],
    };
}
