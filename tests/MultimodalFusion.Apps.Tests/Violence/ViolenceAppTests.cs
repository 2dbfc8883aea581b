using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

public sealed class ViolenceAppTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence-app");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Configured_cameras_run_together_and_only_the_scripted_one_alerts()
    {
        string scripted = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        string model = CameraScoringLoopTests.WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        string json = $$"""
            {
              "Profiles": { "Violence": { "Window": "00:00:01", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                          "Cutoff": "00:00:01", "Cooldown": "00:00:01", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
              "Cameras": [ { "Id": "gate", "Url": "{{scripted}}", "Fps": 10 },
                           { "Id": "hall", "Url": "{{scripted}}", "Fps": 10, "Threshold": 0.999999 } ],
              "Sinks": { "Store": { "Path": "data/events.db" }, "Jsonl": { "Path": "events.jsonl" } }
            }
            """;
        var options = ViolenceAppOptions.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());

        await using (var app = new ViolenceApp(options, model, _dir, MonotonicClock.Instance, realtime: false))
        {
            await app.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.All(app.Loops, l => Assert.Equal(120, l.FramesScored));
            Assert.Equal(2, app.Loops[0].Transitions.Count);
            Assert.Empty(app.Loops[1].Transitions);
            Assert.Equal(2, app.Store.GetEvents("gate").Count);
            Assert.Empty(app.Store.GetEvents("hall"));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (app.Dispatchers[0].Backlog > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(0, app.Dispatchers[0].Backlog);
        }

        Assert.Equal(2, File.ReadAllLines(Path.Combine(_dir, "events.jsonl")).Length);
        Assert.True(File.Exists(Path.Combine(_dir, "data", "events.db")));
        var clip = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "clips", "gate"), "*.mp4"));
        Assert.True(new FileInfo(clip).Length > 1000);
        Assert.False(Directory.Exists(Path.Combine(_dir, "clips", "hall")));
    }
}
