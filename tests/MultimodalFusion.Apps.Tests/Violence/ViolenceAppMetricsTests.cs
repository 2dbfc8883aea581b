using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Supervision;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

/// <summary>What <see cref="ViolenceApp"/> counts per camera in the registry it is given: source frames and drops, feature and model time.</summary>
public sealed class ViolenceAppMetricsTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence-metrics");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Each_camera_counts_its_frames_drops_feature_time_and_model_time_and_a_broken_camera_fails_alone()
    {
        string scripted = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        string model = CameraScoringLoopTests.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string missing = RepoPaths.Media("corrupt.mp4"); // random bytes: OpenCV cannot open it
        string json = $$"""
            {
              "Profiles": { "Violence": { "Window": "00:00:01", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                          "Cutoff": "00:00:01", "Cooldown": "00:00:01", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
              "Cameras": [ { "Id": "gate", "Url": "{{scripted}}", "Fps": 10 }, { "Id": "lost", "Url": "{{missing}}", "Fps": 10 } ],
              "Sinks": { "Store": { "Path": "data/events.db" } }
            }
            """;
        var options = ViolenceAppOptions.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());
        var registry = new MetricsRegistry();
        var run = Stopwatch.StartNew();

        await using var app = new ViolenceApp(options, model, _dir, MonotonicClock.Instance, realtime: false, hooks: new ViolenceAppHooks { Metrics = registry });
        await app.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
        run.Stop();

        Assert.Same(registry, app.Metrics);
        var gate = app.Cameras[0];
        Assert.Equal("gate", gate.Id);
        Assert.False(gate.IsLive);
        Assert.Equal(SourceState.Ended, gate.State);
        Assert.Equal("ended", gate.StateWord);
        var source = Stage(registry, "gate/source");
        Assert.Equal(120, source.In);
        Assert.Equal(0, source.Dropped); // a file waits for the loop: nothing is dropped
        Assert.Equal(0, source.Restarts);
        Assert.Equal(120, gate.Loop.FramesScored);

        // One feature call per frame, one model call per hop (12 s of frames every 0.5 s, plus the last partial hop).
        Assert.Equal(120, Stage(registry, "gate/features").In);
        Assert.Equal(120, gate.FeatureTime.Calls);
        var model_ = Stage(registry, "gate/model");
        Assert.InRange(model_.In, 23, 25);
        Assert.Equal(model_.In, gate.ModelTime.Calls);
        Assert.Equal(model_.In, model_.LatencyCount);
        Assert.True(gate.ModelTime.Total > TimeSpan.Zero && gate.ModelTime.Total < run.Elapsed, $"model time {gate.ModelTime.Total} of a {run.Elapsed} run");
        Assert.True(gate.FeatureTime.Total > TimeSpan.Zero && gate.FeatureTime.Total < run.Elapsed, $"feature time {gate.FeatureTime.Total}");
        Assert.True(model_.LatencyMaxMicros <= gate.ModelTime.Total.Ticks / TimeSpan.TicksPerMicrosecond + 1);
        Assert.Contains("camera gate: ended, 120 frame(s) captured, 0 dropped, 120 scored, 0 restart(s)", gate.ToString());

        // The corrupt file is a permanent error: no restart, the camera fails, the other one ran to its end.
        var lost = app.Cameras[1];
        Assert.Equal(SourceState.Failed, lost.State);
        Assert.Equal(0, lost.Source.Restarts);
        Assert.Equal(0, lost.Loop.FramesScored);
        Assert.Equal(0, lost.ModelTime.Calls);
        Assert.Contains("cannot open", Stage(registry, "lost/source").LastError);
    }

    private static MetricsSnapshot Stage(MetricsRegistry registry, string name) =>
        Assert.Single(registry.Snapshot(), s => s.Name == name);
}
