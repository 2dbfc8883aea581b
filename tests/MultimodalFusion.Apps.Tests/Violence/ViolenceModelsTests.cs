using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Apps.Violence;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Violence;

public sealed class ViolenceModelsTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-violence-models");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_folder_s_image_extractor_runs_on_the_whole_frame_and_gives_the_features_computed_by_hand()
    {
        using var models = ViolenceModels.FromFolder(TestViolenceModels.Save(Path.Combine(_dir, "models")));
        Assert.EndsWith("extractor.onnx", models.ImageModelPath);
        Assert.EndsWith("violence.onnx", models.FusionModelPath);
        var features = models.CreateFeatures();
        using (features as IDisposable)
        {
            Assert.IsType<ImageFrameFeatures>(features);
            Assert.Equal(TestViolenceModels.Features, features.FeatureSize);
            // A 40x30 BGR frame, uniform (B, G, R) = (10, 100, 200): resizing keeps it uniform, RGB order swaps the planes.
            using var frame = Uniform(40, 30, 10, 100, 200);
            var row = new float[features.FeatureSize];
            features.Write(frame, row);
            Assert.Equal(TestViolenceModels.ExpectedFeatures(200, 100, 10), row, (a, b) => Math.Abs(a - b) < 1e-4f);
            // Another frame into the same row: the extractor's buffers are reused, the result is the new frame's.
            using var grey = Uniform(40, 30, 128, 128, 128);
            features.Write(grey, row);
            Assert.Equal(TestViolenceModels.ExpectedFeatures(128, 128, 128), row, (a, b) => Math.Abs(a - b) < 1e-4f);
        }
    }

    [Fact]
    public async Task The_app_on_a_models_folder_scores_each_frame_from_the_extractor_s_features()
    {
        string video = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        using var models = ViolenceModels.FromFolder(TestViolenceModels.Save(Path.Combine(_dir, "models")));
        var seen = new ConcurrentQueue<(double Mean, float Score)>();
        var hooks = new ViolenceAppHooks { FrameScored = (_, frame, score) => seen.Enqueue((Mean(frame), score)) };

        await using (var app = new ViolenceApp(Options(video), models, _dir, MonotonicClock.Instance, realtime: false, hooks: hooks))
        {
            await app.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.Equal([AlertState.Start, AlertState.End], app.Loops[0].Transitions.Select(t => t.State));
        }

        // The d = 8 model can only run on the extractor's rows (mean BGR gives 3); each score is the hand-computed one of
        // the frame's grey level (MJPG keeps each frame nearly uniform; the dark and bright runs sit in the saturated tails).
        var list = seen.ToList();
        Assert.Equal(120, list.Count);
        foreach (var (mean, score) in list)
        {
            double expected = TestViolenceModels.ExpectedScore(TestViolenceModels.ExpectedFeatures(mean, mean, mean));
            Assert.True(Math.Abs(expected - score) < 0.01, $"grey {mean:F1}: score {score}, expected {expected}");
        }
        Assert.Equal(30, list.Count(f => f.Score > 0.9));
    }

    [Fact]
    public void A_folder_without_a_violence_model_or_with_mismatched_sizes_is_refused_with_the_reason()
    {
        string noFusion = TestViolenceModels.Save(Path.Combine(_dir, "no-fusion"), withFusion: false);
        var missing = Assert.Throws<ModelLoadException>(() => ViolenceModels.FromFolder(noFusion));
        Assert.Contains("no violence fusion model (role 'fusion', task 'violence')", missing.Message);
        Assert.Contains("extractor.onnx (image, features)", missing.Message);
        Assert.Contains(noFusion, missing.Message);

        var absent = Assert.Throws<ModelLoadException>(() => ViolenceModels.FromFolder(Path.Combine(_dir, "nowhere")));
        Assert.Contains("no such model folder", absent.Message);

        // An extractor of 8 features in front of a fusion model that wants 3 per frame.
        string video = CameraScoringLoopTests.WriteScriptedVideo(Path.Combine(_dir, "scripted.avi"));
        using var models = ViolenceModels.FromFolder(TestViolenceModels.Save(Path.Combine(_dir, "mismatch"), fusionFeatures: 3));
        var ex = Assert.Throws<ArgumentException>(() => new ViolenceApp(Options(video), models, _dir, MonotonicClock.Instance));
        Assert.Contains("gives 8 floats per frame", ex.Message);
        Assert.Contains("wants 3", ex.Message);
    }

    private static VideoFrame Uniform(int width, int height, byte b, byte g, byte r)
    {
        var pixels = new BufferPool<byte>().Rent(width * height * 3);
        for (int i = 0; i < width * height; i++)
        {
            pixels.Span[3 * i] = b;
            pixels.Span[3 * i + 1] = g;
            pixels.Span[3 * i + 2] = r;
        }
        return new VideoFrame(pixels, width, height, PixelFormat.Bgr24, "test", 0, 0, null);
    }

    private static double Mean(VideoFrame frame)
    {
        long sum = 0;
        foreach (byte v in frame.Span)
            sum += v;
        return (double)sum / frame.Span.Length;
    }

    private static ViolenceAppOptions Options(string video)
    {
        string json = $$"""
            {
              "Profiles": { "Violence": { "Window": "00:00:01", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                          "Cutoff": "00:00:01", "Cooldown": "00:00:01", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
              "Cameras": [ { "Id": "gate", "Url": "{{video}}", "Fps": 10 } ],
              "Sinks": { "Store": { "Path": "events.db" } }
            }
            """;
        return ViolenceAppOptions.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());
    }
}
