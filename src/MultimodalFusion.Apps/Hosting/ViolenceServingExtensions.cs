using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Telemetry;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Apps.Hosting;

/// <summary>Registers the violence cameras as a hosted service with options validated at start-up.</summary>
public static class ViolenceServingExtensions
{
    /// <summary>
    /// Adds <see cref="ViolenceAppOptions"/> (root sections Profiles, Cameras, Sinks), <see cref="ServeOptions"/> (Serve) and
    /// <see cref="MetricsOptions"/> (Metrics) bound from <paramref name="configuration"/> and validated when the host starts
    /// (it refuses to start with an <see cref="OptionsValidationException"/> whose failures name each key, credentials
    /// redacted); <see cref="PipelineTelemetry"/>, a <see cref="FrameScoreRecorder"/>, the <see cref="TelemetryAlertSink"/> and
    /// the <see cref="ViolenceHostedService"/> (also resolvable as itself, for its result).
    /// </summary>
    public static IServiceCollection AddViolenceServing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddValidated(services, configuration, c => c.Get<ViolenceAppOptions>() ?? new(), o => o.GetErrors());
        AddValidated(services, configuration, c => c.GetSection(ServeOptions.Section).Get<ServeOptions>() ?? new(), o => o.GetErrors());
        AddValidated(services, configuration, c => c.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new(), o => o.GetErrors());

        services.TryAddSingleton<IClock>(MonotonicClock.Instance);
        services.TryAddSingleton(sp => new PipelineTelemetry(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new FrameScoreRecorder(new MetricsRegistry(sp.GetRequiredService<IClock>()), sp.GetRequiredService<PipelineTelemetry>()));
        services.AddSingleton<IAlertSink>(sp => new TelemetryAlertSink(sp.GetRequiredService<PipelineTelemetry>(), sp.GetRequiredService<ILogger<TelemetryAlertSink>>()));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ViolenceHostedService>(sp, sp.GetRequiredService<IClock>()));
        services.AddHostedService(sp => sp.GetRequiredService<ViolenceHostedService>());
        return services;
    }

    private static void AddValidated<TOptions>(IServiceCollection services, IConfiguration configuration,
        Func<IConfiguration, TOptions> bind, Func<TOptions, IReadOnlyList<string>> errors) where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new ErrorListValidator<TOptions>(errors));
        services.AddSingleton<IOptionsFactory<TOptions>>(sp =>
            new BoundOptionsFactory<TOptions>(configuration, bind, sp.GetServices<IValidateOptions<TOptions>>()));
        services.AddOptions<TOptions>().ValidateOnStart();
    }
}
