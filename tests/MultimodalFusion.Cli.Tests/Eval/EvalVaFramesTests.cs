using MultimodalFusion.Datasets;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>
/// <c>mmf eval --task va</c> with a VA model that has a per-frame head (<c>va_frames</c>, as the default VA model now
/// has): every frame with a video row takes the head's value for that row, not the windows' output, and
/// <c>--frames windows</c> still ignores the head.
/// </summary>
[Collection(EvalModelCollection.Name)]
public sealed class EvalVaFramesTests(EvalModelFixture data)
{
    [Fact]
    public async Task Frames_with_a_video_row_take_the_va_frames_head_value_of_that_row()
    {
        string cache = await data.EmotionCacheAsync(), pred = data.NewPath("pred-va-frames"), windows = data.NewPath("pred-va-windows");
        var (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.VaFramesModels, "--data", data.Emotion, "--task", "va",
            "--cache", cache, "--pred-out", pred);
        Assert.True(exit == 0, error + output);
        Assert.Contains("the per-frame head va_frames", output);
        (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.VaFramesModels, "--data", data.Emotion, "--task", "va",
            "--cache", cache, "--pred-out", windows, "--frames", "windows");
        Assert.True(exit == 0, error + output);
        Assert.Contains("frames from the window outputs", output);

        var entries = new AffWild2Layout(data.Emotion).Entries(AffWild2Challenge.VA, AffWild2Splits.Validation);
        Assert.NotEmpty(entries);
        var featureCache = FeatureCache.Open(cache);
        int fromHead = 0, differsFromWindows = 0;
        foreach (AffWild2Entry entry in entries)
        {
            VaAnnotation file = VaFile.Read(Path.Combine(pred, entry.Name.Name + ".txt"), AnnotationFileKind.Prediction);
            VaAnnotation windowFile = VaFile.Read(Path.Combine(windows, entry.Name.Name + ".txt"), AnnotationFileKind.Prediction);
            CachedVideo video = featureCache.Load(entry.Split, entry.Name.Name);
            FeatureSeries rows = video.Features["video"];
            for (int f = 0; f < file.FrameCount; f++)
            {
                // The step of a row stamped at the frame maps to that frame in every window holding it: one value.
                int row = Array.IndexOf(rows.TimestampsMicros, video.FrameTimestampsMicros[f]);
                if (row < 0)
                    continue;
                // Prediction files keep about 6 significant digits: compare with a tolerance, not rounded decimals.
                Assert.True(Math.Abs(Math.Tanh(rows.Row(row)[0]) - file.Valence[f]) <= 1e-5, $"frame {f}: valence {file.Valence[f]}");
                Assert.True(Math.Abs(Math.Tanh(rows.Row(row)[1]) - file.Arousal[f]) <= 1e-5, $"frame {f}: arousal {file.Arousal[f]}");
                fromHead++;
                if (Math.Abs(file.Valence[f] - windowFile.Valence[f]) > 1e-3)
                    differsFromWindows++;
            }
        }
        Assert.True(fromHead > 0, "no frame has a video row");
        // The window output (tanh of row counts) is another function: the head's values must not be it.
        Assert.True(differsFromWindows > fromHead / 2, $"{differsFromWindows} of {fromHead} frames differ from the window outputs");
    }
}
