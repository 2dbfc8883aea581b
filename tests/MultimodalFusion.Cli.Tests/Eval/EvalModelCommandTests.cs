using System.Text.Json;
using MultimodalFusion.Datasets;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>
/// <c>mmf eval --model DIR --data DIR</c> on synthetic datasets with tiny fusion models: a prediction file for every
/// annotated video and frame, predictions and metrics equal to an independent computation from the feature cache,
/// <c>--drop-modality</c> masking a stream, and named errors.
/// </summary>
[Collection(EvalModelCollection.Name)]
public sealed class EvalModelCommandTests(EvalModelFixture data)
{
    [Fact]
    public async Task Violence_predicts_every_frame_from_the_frame_head_and_scores_the_hand_computed_macro_f1()
    {
        string pred = data.NewPath("pred"), cache = data.NewPath("cache"), json = data.NewPath("metrics") + ".json";
        var (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.ViolenceModels, "--data", data.Violence,
            "--pred-out", pred, "--cache", cache, "--json", json);
        Assert.True(exit == 0, error + output);
        Assert.Contains("the per-frame head violence_frames", output);

        var layout = new DvdLayout(data.Violence);
        var entries = layout.Entries("val");
        Assert.NotEmpty(entries);
        var featureCache = FeatureCache.Open(cache);
        var truth = new List<int>();
        var predicted = new List<int>();
        foreach (DvdEntry entry in entries)
        {
            DvdLabels gt = DvdLabelFile.Read(entry.LabelPath);
            DvdLabels file = DvdLabelFile.Read(Path.Combine(pred, entry.VideoName + ".csv"), AnnotationFileKind.Prediction);
            Assert.Equal(gt.FrameNumbers, file.FrameNumbers);                 // every frame, in the truth's numbering
            Assert.Equal(EvalModelFixture.FramesPerVideo, file.Count);
            int[] expected = ExpectedViolence(featureCache.Load("val", entry.VideoName));
            Assert.Equal(gt.FrameNumbers.Select(n => expected[n - 1]), file.Labels);
            truth.AddRange(gt.Labels);
            predicted.AddRange(file.Labels);
        }
        Assert.Contains(0, predicted);
        Assert.Contains(1, predicted);
        double macroF1 = (F1(truth, predicted, 0) + F1(truth, predicted, 1)) / 2;
        using var metrics = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(macroF1, metrics.RootElement.GetProperty("macroF1").GetDouble(), 9);
        Assert.Equal(truth.Count, metrics.RootElement.GetProperty("frames").GetInt64());
        Assert.Contains($"macro-F1     {macroF1:F4}", output);

        // --frames windows: the same cache, frames from the centre-weighted window probability of the windows holding them.
        string windowsPred = data.NewPath("pred-windows");
        (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.ViolenceModels, "--data", data.Violence,
            "--pred-out", windowsPred, "--cache", cache, "--frames", "windows");
        Assert.True(exit == 0, error + output);
        Assert.Contains("frames from the window outputs", output);
        foreach (DvdEntry entry in entries)
        {
            int[] expected = ExpectedViolence(featureCache.Load("val", entry.VideoName), frameHead: false);
            DvdLabels file = DvdLabelFile.Read(Path.Combine(windowsPred, entry.VideoName + ".csv"), AnnotationFileKind.Prediction);
            Assert.Equal(file.FrameNumbers.Select(n => expected[n - 1]), file.Labels);
        }
    }

    [Fact]
    public async Task Va_predictions_are_the_centre_weighted_mean_of_the_covering_windows_and_dropping_audio_masks_it_out()
    {
        string cache = await data.EmotionCacheAsync(), full = data.NewPath("pred"), dropped = data.NewPath("pred-drop");
        var (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion, "--task", "va",
            "--cache", cache, "--pred-out", full);
        Assert.True(exit == 0, error + output);
        Assert.Contains("frames from the window outputs", output);
        var (exit2, output2, error2) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion, "--cache", cache,
            "--pred-out", dropped, "--drop-modality", "audio", "--task", "va");
        Assert.True(exit2 == 0, error2 + output2);
        Assert.Contains("(dropped: audio)", output2);

        var entries = new AffWild2Layout(data.Emotion).Entries(AffWild2Challenge.VA, AffWild2Splits.Validation);
        Assert.Equal(2, entries.Count);
        var featureCache = FeatureCache.Open(cache);
        var truth = (V: new List<double>(), A: new List<double>());
        var predicted = (V: new List<double>(), A: new List<double>());
        foreach (AffWild2Entry entry in entries)
        {
            VaAnnotation gt = VaFile.Read(entry.AnnotationPath);
            VaAnnotation file = VaFile.Read(Path.Combine(full, entry.Name.Name + ".txt"), AnnotationFileKind.Prediction);
            VaAnnotation noAudio = VaFile.Read(Path.Combine(dropped, entry.Name.Name + ".txt"), AnnotationFileKind.Prediction);
            Assert.Equal(gt.FrameCount, file.FrameCount);
            Assert.Equal(gt.FrameCount, noAudio.FrameCount);
            CachedVideo video = featureCache.Load(entry.Split, entry.Name.Name);
            Assert.True(video.Features["audio"].Rows > 0);
            var (valence, arousal) = ExpectedVa(video);
            for (int f = 0; f < gt.FrameCount; f++)
            {
                Assert.Equal(valence[f], file.Valence[f], 5);
                Assert.Equal(arousal[f], file.Arousal[f], 5);
                Assert.Equal(file.Valence[f], noAudio.Valence[f]);       // the video stream is untouched
                Assert.Equal(0f, noAudio.Arousal[f]);                    // no audio step present: tanh(0)
                if (!gt.IsLabelled(f))
                    continue;
                truth.V.Add(gt.Valence[f]);
                truth.A.Add(gt.Arousal[f]);
                predicted.V.Add(file.Valence[f]);
                predicted.A.Add(file.Arousal[f]);
            }
        }
        Assert.True(arousalVaries(predicted.A));
        double cccV = Ccc(predicted.V, truth.V), cccA = Ccc(predicted.A, truth.A);
        Assert.Contains($"CCC valence  {cccV:F4}", output);
        Assert.Contains($"CCC arousal  {cccA:F4}", output);
        Assert.Contains("CCC arousal  0.0000", output2);                 // a constant prediction has CCC 0

        static bool arousalVaries(List<double> a) => a.Max() - a.Min() > 1e-3;
    }

    [Fact]
    public async Task Expr_predicts_the_argmax_of_the_centre_weighted_window_probabilities_from_a_shared_va_expr_cache()
    {
        string cache = await data.EmotionCacheAsync(), pred = data.NewPath("pred-expr");
        var (exit, output, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion, "--task", "expr",
            "--cache", cache, "--pred-out", pred);
        Assert.True(exit == 0, error + output);
        Assert.Equal(FeatureCacheTask.VaExpr, FeatureCache.Open(cache).Manifest.Task);

        var featureCache = FeatureCache.Open(cache);
        var truth = new List<int>();
        var predicted = new List<int>();
        foreach (AffWild2Entry entry in new AffWild2Layout(data.Emotion).Entries(AffWild2Challenge.EXPR, AffWild2Splits.Validation))
        {
            ExprAnnotation gt = ExprFile.Read(entry.AnnotationPath);
            ExprAnnotation file = ExprFile.Read(Path.Combine(pred, entry.Name.Name + ".txt"), AnnotationFileKind.Prediction);
            Assert.Equal(gt.FrameCount, file.FrameCount);
            Assert.Equal(ExpectedExpr(featureCache.Load(entry.Split, entry.Name.Name)).Take(gt.FrameCount), file.Labels);
            for (int f = 0; f < gt.FrameCount; f++)
            {
                if (!gt.IsLabelled(f))
                    continue;
                truth.Add(gt.Labels[f]);
                predicted.Add(file.Labels[f]);
            }
        }
        Assert.True(predicted.Distinct().Count() > 1);
        double macroF1 = Enumerable.Range(0, 8).Average(c => F1(truth, predicted, c));
        Assert.Contains($"macro-F1     {macroF1:F4}", output);
    }

    [Fact]
    public async Task Errors_name_the_missing_fusion_model_the_task_mismatch_and_the_missing_data_folder()
    {
        var (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.ExtractorsOnly, "--data", data.Violence);
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no fusion model", error);
        Assert.Contains(data.ExtractorsOnly, error);

        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Violence, "--task", "violence");
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no fusion model for task violence", error);
        Assert.Contains("expr-fusion.onnx (task expr), va-fusion.onnx (task va)", error);

        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion);
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("2 fusion models", error);
        Assert.Contains("choose one with --task", error);

        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Violence, "--task", "va");
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("has no Aff-Wild2 annotation folder", error);      // a va model on a DVD dataset
        Assert.Contains(data.Violence, error);

        string absent = Path.Combine(data.Root, "no-such-data");
        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", absent, "--task", "va");
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(absent, error);

        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels);
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--model and --data go together", error);
        (exit, _, error) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion, "--truth", data.Emotion);
        Assert.Equal(ExitCodes.Usage, exit);
        (exit, _, _) = await EvalModelFixture.RunAsync("--model", data.VaModels, "--data", data.Emotion, "--drop-modality", "smell");
        Assert.Equal(ExitCodes.Usage, exit);
        (exit, _, error) = await EvalModelFixture.RunAsync("--task", "va", "--truth", data.Emotion, "--pred", data.Root, "--drop-modality", "audio");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("go with --model/--data", error);
    }

    // The frame head gives p = sigmoid(x_f - mean of x over the window's rows) for the frame's own row, x = first video
    // feature; the window output is the p of the window's first row. A frame averages [1 - p, p] (its own row's p, or
    // the window's with frameHead false, centre-weighted as for VA) over the windows holding it: violent iff p > 0.5.
    private static int[] ExpectedViolence(CachedVideo video, bool frameHead = true)
    {
        FeatureSeries rows = video.Features["video"];
        Assert.Equal(video.FrameTimestampsMicros, rows.TimestampsMicros);      // one row per frame (whole frames)
        long w = (long)TestFusionModels.Window.TotalMicroseconds;
        return Enumerable.Range(0, video.FrameCount).Select(f =>
        {
            long t = video.FrameTimestampsMicros[f];
            Func<long, double> p0 = s =>
            {
                var inside = Enumerable.Range(0, rows.Rows).Where(r => rows.TimestampsMicros[r] >= s && rows.TimestampsMicros[r] < s + w).ToList();
                double mean = inside.Average(r => rows.Row(r)[0]);
                return Sigmoid(rows.Row(frameHead ? f : inside[0])[0] - mean);
            };
            var holding = WindowStarts(video).Where(s => t >= s && t < s + w).ToList();
            double p = frameHead ? holding.Average(p0) : CentreWeighted(holding, t, p0);
            return p > 0.5 ? 1 : 0;
        }).ToArray();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    // Windows of W every H from the first frame while the previous one ends at or before the last frame.
    private static List<long> WindowStarts(CachedVideo video)
    {
        long w = (long)TestFusionModels.Window.TotalMicroseconds, h = (long)TestFusionModels.Hop.TotalMicroseconds;
        long[] frames = video.FrameTimestampsMicros;
        var starts = new List<long> { frames[0] };
        while (starts[^1] + w <= frames[^1])
            starts.Add(starts[^1] + h);
        return starts;
    }

    // Independent of the windowing code: windows of W every H from the first frame, the last running past the end;
    // each window's output is tanh(gain x rows stamped inside it); a frame takes the centre-weighted mean over the
    // windows holding it.
    private static (float[] Valence, float[] Arousal) ExpectedVa(CachedVideo video)
    {
        long w = (long)TestFusionModels.Window.TotalMicroseconds;
        long[] frames = video.FrameTimestampsMicros;
        var starts = WindowStarts(video);
        var valence = new float[frames.Length];
        var arousal = new float[frames.Length];
        for (int f = 0; f < frames.Length; f++)
        {
            var holding = starts.Where(s => frames[f] >= s && frames[f] < s + w).ToList();
            valence[f] = (float)CentreWeighted(holding, frames[f], s => Math.Tanh(TestFusionModels.ValenceGain * Count(video.Features["video"].TimestampsMicros, s, s + w)));
            arousal[f] = (float)CentreWeighted(holding, frames[f], s => Math.Tanh(TestFusionModels.ArousalGain * Count(video.Features["audio"].TimestampsMicros, s, s + w)));
        }
        return (valence, arousal);
    }

    // Each window gives softmax_k(-|k - n|), n = its audio rows; a frame takes the argmax of the centre-weighted mean.
    private static int[] ExpectedExpr(CachedVideo video)
    {
        long w = (long)TestFusionModels.Window.TotalMicroseconds;
        var starts = WindowStarts(video);
        return video.FrameTimestampsMicros.Select(t =>
        {
            var holding = starts.Where(s => t >= s && t < s + w).ToList();
            double[] mean = Enumerable.Range(0, 8).Select(k => CentreWeighted(holding, t, s =>
            {
                int n = Count(video.Features["audio"].TimestampsMicros, s, s + w);
                return Math.Exp(-Math.Abs(k - n)) / Enumerable.Range(0, 8).Sum(j => Math.Exp(-Math.Abs(j - n)));
            })).ToArray();
            return Array.IndexOf(mean, mean.Max());
        }).ToArray();
    }

    // The mean of value(window start) over the windows starting at holding, each weighted (1 - d)^2, d = |t - centre| /
    // (W / 2); the plain mean when every weight is 0 (t on the start of each).
    private static double CentreWeighted(List<long> holding, long t, Func<long, double> value)
    {
        double half = TestFusionModels.Window.TotalMicroseconds / 2;
        var weights = holding.Select(s => Math.Pow(Math.Max(0, 1 - Math.Abs(s + half - t) / half), 2)).ToList();
        double total = weights.Sum();
        return total > 0 ? holding.Select((s, i) => weights[i] * value(s)).Sum() / total : holding.Average(value);
    }

    private static int Count(long[] stamps, long start, long end) => stamps.Count(t => t >= start && t < end);

    private static double F1(List<int> truth, List<int> predicted, int c)
    {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            if (predicted[i] == c && truth[i] == c)
                tp++;
            else if (predicted[i] == c)
                fp++;
            else if (truth[i] == c)
                fn++;
        }
        return tp + fp + fn == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
    }

    private static double Ccc(List<double> x, List<double> y)
    {
        double mx = x.Average(), my = y.Average();
        double vx = x.Average(v => (v - mx) * (v - mx)), vy = y.Average(v => (v - my) * (v - my));
        double cov = x.Zip(y).Average(p => (p.First - mx) * (p.Second - my));
        return 2 * cov / (vx + vy + (mx - my) * (mx - my));
    }
}
