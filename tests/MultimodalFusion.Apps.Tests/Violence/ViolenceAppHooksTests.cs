using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

public sealed class ViolenceAppHooksTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence-hooks");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Extra_sink_gets_every_transition_through_the_outbox_and_the_callback_sees_every_frame_alive()
    {
        string scripted = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        string model = CameraScoringLoopTests.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        var options = Load(scripted, sinks: """{ "Store": { "Path": "events.db" }, "Jsonl": { "Path": "events.jsonl" } }""");
        var probe = new CollectingSink("probe");
        var frames = new ConcurrentQueue<(string Camera, long Micros, double Mean, float Score)>();
        var hooks = new ViolenceAppHooks
        {
            ExtraSinks = [probe],
            // Reads the pixels during the call: they must still be alive (the loop disposes the frame afterwards).
            FrameScored = (camera, frame, score) => frames.Enqueue((camera, frame.CaptureMicros, frame.Span.ToArray().Average(b => (double)b), score)),
        };

        await using (var app = new ViolenceApp(options, model, _dir, MonotonicClock.Instance, realtime: false, hooks: hooks))
        {
            await app.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(["jsonl", "probe"], app.Store.Sinks);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (app.Dispatchers.Any(d => d.Backlog > 0) && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.All(app.Dispatchers, d => Assert.Equal(0, d.Backlog));
        }
        Assert.False(probe.Disposed, "the app must not dispose a sink it does not own");

        Assert.Equal([AlertState.Start, AlertState.End], probe.Received.Select(e => e.State));
        Assert.Equal(File.ReadAllLines(Path.Combine(_dir, "events.jsonl")).Length, probe.Received.Count);

        var list = frames.ToList();
        Assert.Equal(120, list.Count);
        Assert.All(list, f => Assert.Equal("gate", f.Camera));
        Assert.Equal(list.Select(f => f.Micros).Order(), list.Select(f => f.Micros));
        // Frames 40..69 are bright (230) and score high; the dark ones (20) low (MJPG moves the grey a little).
        for (int i = 0; i < list.Count; i++)
        {
            bool bright = i is >= 40 and <= 69;
            Assert.InRange(list[i].Mean, bright ? 220 : 10, bright ? 240 : 30);
            Assert.True(bright ? list[i].Score > 0.9f : list[i].Score < 0.1f, $"frame {i}: score {list[i].Score}");
        }
    }

    [Fact]
    public async Task A_throwing_callback_is_logged_and_scoring_goes_on_and_duplicate_sink_names_are_refused()
    {
        string scripted = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        string model = CameraScoringLoopTests.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        var options = Load(scripted, sinks: """{ "Store": { "Path": "events.db" }, "Jsonl": { "Path": "events.jsonl" } }""");
        int calls = 0;
        var hooks = new ViolenceAppHooks { FrameScored = (_, _, _) => throw new InvalidOperationException($"callback {++calls}") };
        await using (var app = new ViolenceApp(options, model, _dir, MonotonicClock.Instance, realtime: false, hooks: hooks))
        {
            await app.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal(120, app.Loops[0].FramesScored);
            Assert.Equal(2, app.Loops[0].Transitions.Count);
        }
        Assert.Equal(120, calls);

        var clash = new ViolenceAppHooks { ExtraSinks = [new CollectingSink("jsonl")] };
        var ex = Assert.Throws<ArgumentException>(() => new ViolenceApp(options, model, Path.Combine(_dir, "second"), MonotonicClock.Instance, hooks: clash));
        Assert.Contains("'jsonl'", ex.Message);
    }

    private static ViolenceAppOptions Load(string video, string sinks)
    {
        string json = $$"""
            {
              "Profiles": { "Violence": { "Window": "00:00:01", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                          "Cutoff": "00:00:01", "Cooldown": "00:00:01", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
              "Cameras": [ { "Id": "gate", "Url": "{{video}}", "Fps": 10 } ],
              "Sinks": {{sinks}}
            }
            """;
        return ViolenceAppOptions.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());
    }

    private sealed class CollectingSink(string name) : IAlertSink
    {
        private readonly ConcurrentQueue<AlertEvent> _received = new();

        public string Name => name;

        public List<AlertEvent> Received => [.. _received];

        public bool Disposed { get; private set; }

        public Task DeliverAsync(AlertEvent evt, string json, CancellationToken cancellationToken)
        {
            _received.Enqueue(evt);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
