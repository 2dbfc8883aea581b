using System.Globalization;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Apps.Violence;

/// <summary>One camera of a <see cref="ViolenceApp"/>: its options, supervised source, scoring loop and model timers, for status and metrics.</summary>
/// <remarks>
/// Every value is live and safe to read from any thread while the app runs (a status page, a metrics scrape).
/// The metrics behind it are the app's registry entries <c>{camera}/source</c>, <c>{camera}/features</c> and
/// <c>{camera}/model</c>. Owned by the app; owns nothing itself.
/// </remarks>
public sealed class ViolenceCamera
{
    internal ViolenceCamera(CameraOptions options, bool isLive, SupervisedVideoSource source, CameraScoringLoop loop, ModelTimer features, ModelTimer model)
    {
        Options = options;
        IsLive = isLive;
        Source = source;
        Loop = loop;
        FeatureTime = features;
        ModelTime = model;
    }

    /// <summary>The camera id (<c>Cameras[i].Id</c>).</summary>
    public string Id => Options.Id;

    /// <summary>The camera's configuration (its URL may hold credentials: redact before showing it).</summary>
    public CameraOptions Options { get; }

    /// <summary>True for a live source (RTSP/HTTP stream, camera device), which is reconnected after failures; false for a file.</summary>
    public bool IsLive { get; }

    /// <summary>The supervised source (state, restarts, drops).</summary>
    public SupervisedVideoSource Source { get; }

    /// <summary>The camera's scoring loop.</summary>
    public CameraScoringLoop Loop { get; }

    /// <summary>Time in the per-frame feature computation (the image extractor, or mean BGR).</summary>
    public ModelTimer FeatureTime { get; }

    /// <summary>Time in the violence fusion model, one call per hop.</summary>
    public ModelTimer ModelTime { get; }

    /// <summary>The source's state; <see cref="SourceState.BackingOff"/> while a dropped stream waits to reconnect.</summary>
    public SourceState State => Source.State;

    /// <summary>A short state word for status displays: starting, running, reconnecting, ended, failed, stopped.</summary>
    public string StateWord => State switch
    {
        SourceState.Starting => Source.Restarts > 0 ? "reconnecting" : "starting",
        SourceState.Running => "running",
        SourceState.BackingOff => "reconnecting",
        SourceState.Ended => "ended",
        SourceState.Failed => "failed",
        _ => "stopped",
    };

    /// <summary>One line: state, frames captured/dropped/scored, restarts, model and feature time.</summary>
    public override string ToString()
    {
        var s = Source.Metrics;
        return string.Create(CultureInfo.InvariantCulture,
            $"camera {Id}: {StateWord}, {s.In} frame(s) captured, {s.Dropped} dropped, {Loop.FramesScored} scored, {s.Restarts} restart(s); " +
            $"model {ModelTime.Total.TotalSeconds:F3} s in {ModelTime.Calls} call(s), features {FeatureTime.Total.TotalSeconds:F3} s");
    }
}
