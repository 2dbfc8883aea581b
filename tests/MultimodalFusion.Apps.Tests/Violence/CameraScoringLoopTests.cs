using MultimodalFusion.Inference.Manifests;
using System.Text.Json;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Apps.Clips;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Onnx;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Apps.Tests.Violence;

public sealed class CameraScoringLoopTests : IDisposable
{
    private const int Fps = 10, Frames = 120, BrightFrom = 40, BrightTo = 69; // bright = "violent": 4.0 s .. 6.9 s
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Scripted_bright_segment_gives_one_event_a_store_row_a_jsonl_line_and_a_clip()
    {
        string video = WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        string model = WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        var camera = new CameraOptions { Id = "gate", Url = video, Fps = Fps };
        var profile = new ViolenceProfileOptions
        {
            Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5), Threshold = 0.8, FramesToStart = 3,
            Cutoff = TimeSpan.FromSeconds(1), Cooldown = TimeSpan.FromSeconds(1),
            ClipBefore = TimeSpan.FromSeconds(1), ClipAfter = TimeSpan.FromSeconds(1),
        };
        var mapping = new ClockUtcMapping(0, new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero));
        var pool = new BufferPool<byte>();
        string jsonl = Path.Combine(_dir, "events.jsonl"), db = Path.Combine(_dir, "events.db");

        using (var store = new SqliteEventStore(db, ["jsonl"]))
        await using (var dispatcher = new OutboxDispatcher(store, new JsonlSink(jsonl), new OutboxDispatcherOptions { PollInterval = TimeSpan.FromMilliseconds(100) }))
        using (var scorer = new OnnxFrameScorer(model, 64))
        {
            var rule = new AlertRule(profile.ToAlertRuleOptions(), mapping);
            var clips = new EventClipRecorder(camera.Id, _dir, profile.ToClipOptions(camera.Fps));
            var source = new VideoFileSource(video, new ManualClock(), new VideoFileSourceOptions { Id = camera.Id, OriginMicros = 0, Pool = pool });
            var loop = new CameraScoringLoop(camera, profile, source, scorer, new AlertRecorder(rule, store), clips, mapping);
            await loop.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            await clips.DisposeAsync();

            Assert.Equal(Frames, loop.FramesScored);
            Assert.Equal([AlertState.Start, AlertState.End], loop.Transitions.Select(t => t.State));
            var end = loop.Transitions[1];
            double hopMs = profile.Hop.TotalMilliseconds;
            Assert.InRange((end.Start - mapping.Utc).TotalMilliseconds, BrightFrom * 100 - hopMs, BrightFrom * 100 + hopMs);
            Assert.InRange((end.End!.Value - mapping.Utc).TotalMilliseconds, BrightTo * 100 - hopMs, BrightTo * 100 + hopMs);
            Assert.True(end.PeakScore > 0.9, $"peak {end.PeakScore}");

            var clip = Assert.Single(clips.Completed);
            Assert.Equal(Path.Combine(_dir, end.Clip!), clip.ClipPath);
            using (var capture = new VideoCapture(clip.ClipPath))
            {
                Assert.True(capture.IsOpened());
                Assert.Equal(64, capture.FrameWidth);
                // [start - 1 s, end + 1 s] at 10 fps
                long first = mapping.ToMicros(end.Start) - 1_000_000, last = mapping.ToMicros(end.End.Value) + 1_000_000;
                int expected = (int)((last - first) / 100_000) + 1;
                Assert.InRange((int)capture.FrameCount, expected - 1, expected + 1);
            }
            using (var snapshot = Cv2.ImRead(Path.Combine(_dir, end.Snapshot!)))
                Assert.Equal(48, snapshot.Height);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (dispatcher.Backlog > 0 && DateTime.UtcNow < deadline)
                await Task.Delay(50);
            Assert.Equal(0, dispatcher.Backlog);
        }

        var lines = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["start", "end"], lines.Select(l => l.GetProperty("state").GetString()));
        Assert.Equal("clips/gate/" + lines[0].GetProperty("id").GetString() + ".mp4", lines[0].GetProperty("clip").GetString());
        using (var reopened = new SqliteEventStore(db, ["jsonl"]))
        {
            var rows = reopened.GetEvents("gate");
            Assert.Equal(2, rows.Count);
            Assert.Single(rows.Select(r => r.Id).Distinct());
        }
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Missing_video_fails_with_the_file_named_and_cancel_mid_file_leaks_nothing()
    {
        string model = WriteBrightnessModel(Path.Combine(_dir, "violence.onnx"));
        var profile = new ViolenceProfileOptions { Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5) };
        var mapping = new ClockUtcMapping(0, DateTimeOffset.UnixEpoch);
        using var store = new SqliteEventStore(Path.Combine(_dir, "events.db"), ["jsonl"]);
        using var scorer = new OnnxFrameScorer(model, 64);
        var pool = new BufferPool<byte>();

        string missing = Path.Combine(_dir, "no-such-camera.mp4");
        var bad = new CameraScoringLoop(new CameraOptions { Id = "x", Url = missing }, profile,
            new VideoFileSource(missing, new ManualClock(), new VideoFileSourceOptions { Pool = pool }), scorer,
            new AlertRecorder(new AlertRule(profile.ToAlertRuleOptions(), mapping), store), null, mapping);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => bad.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("no-such-camera.mp4", ex.Message);

        // Real-time playback of a long file, cancelled after some frames were scored.
        var clips = new EventClipRecorder("y", _dir, profile.ToClipOptions(10));
        var source = new VideoFileSource(RepoPaths.Media("vtest.avi"), MonotonicClock.Instance, new VideoFileSourceOptions { Realtime = true, Pool = pool });
        var loop = new CameraScoringLoop(new CameraOptions { Id = "y", Url = "vtest.avi" }, profile, source, scorer,
            new AlertRecorder(new AlertRule(profile.ToAlertRuleOptions(), mapping), store), clips, mapping);
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (loop.FramesScored < 10 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(loop.FramesScored >= 10, $"scored {loop.FramesScored}");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        await clips.DisposeAsync();
        Assert.Equal(0, pool.Outstanding);
    }

    // 64x48 grey frames: dark (20) except frames BrightFrom..BrightTo (230).
    internal static string WriteScriptedVideo(string path)
    {
        using var writer = new VideoWriter(path, FourCC.MJPG, Fps, new Size(64, 48));
        Assert.True(writer.IsOpened());
        for (int i = 0; i < Frames; i++)
        {
            int v = i is >= BrightFrom and <= BrightTo ? 230 : 20;
            using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(v, v, v));
            writer.Write(frame);
        }
        return path;
    }

    // video [1, t, 3] -> mean brightness m [1, t, 1] -> logits m * [-10, 10] + [5, -5] = "violence_frames" [1, t, 2].
    internal static string WriteBrightnessModel(string path)
    {
        var b = new OnnxGraphBuilder("violence-brightness");
        b.AddInput("video", OnnxElementType.Float, 1, "t", 3);
        b.AddInitializer("w", [-10f, 10f], 1, 2);
        b.AddInitializer("b", [5f, -5f], 2);
        b.AddNode("ReduceMean", ["video"], ["m"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 1L);
        b.AddNode("MatMul", ["m", "w"], ["mw"]);
        b.AddNode("Add", ["mw", "b"], ["violence_frames"]);
        b.AddOutput("violence_frames", OnnxElementType.Float, 1, "t", 2);
        b.Save(path);
        WriteManifest(path, "video", "violence_frames");
        return path;
    }

    // The manifest beside it (role fusion), so the scorer loads it through ModelLoader like a trainer export.
    private static void WriteManifest(string path, string input, string output) =>
        new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Role = "fusion",
            Task = "violence",
            Inputs = [new TensorSpec { Name = input, Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)3L] }],
            Outputs = [new TensorSpec { Name = output, Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)2L] }],
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));
}
