using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Apps.Hosting;
using MultimodalFusion.Dashboard;

namespace MultimodalFusion.Cli.Serve;

/// <summary>Adds the live dashboard to <c>mmf serve</c> when the configuration has a <c>Dashboard</c> section (or <c>--urls</c>).</summary>
internal static class ServeDashboard
{
    /// <summary>True when <paramref name="configuration"/> asks for the dashboard.</summary>
    public static bool IsConfigured(IConfiguration configuration) => configuration.GetSection(DashboardOptions.SectionName).Exists();

    /// <summary>
    /// Registers <see cref="DashboardOptions"/> (validated at start, each problem naming its <c>Dashboard:</c> key), the feed,
    /// the server with its status loop, the alert sink and the frame publisher.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>>(new ErrorListValidator<DashboardOptions>(o => o.Validate()));
        services.AddSingleton(sp => new DashboardFeed(sp.GetRequiredService<IOptions<DashboardOptions>>().Value));
        services.AddSingleton<IAlertSink>(sp => new DashboardAlertSink(sp.GetRequiredService<DashboardFeed>()));
        services.AddSingleton<IFrameScoredObserver, DashboardFramePublisher>();
        services.AddSingleton<DashboardHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardHostedService>());
    }
}
