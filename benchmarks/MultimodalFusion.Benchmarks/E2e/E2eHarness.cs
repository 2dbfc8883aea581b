using System.Globalization;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// End-to-end latency harness. Decodes the clip once, then: (1) the raw loop and (2) the pipeline each replay it at
/// real time on the same sessions (<see cref="RawOrtLoop"/>, <see cref="PipelineRun"/>) for the overhead ratio and the
/// per-stage breakdown; (3) with <c>--overload</c>, measures the speed the pipeline sustains and replays at multiples
/// of it with the live queues, reporting latency over time and drops per queue.
/// </summary>
/// <remarks>
/// Everything runs on one monotonic clock. Prints the report and writes it (<c>e2e-TIME.md</c>) with PNG histograms
/// into <see cref="E2eOptions.Artifacts"/>. Exit code 1 when no decision came out or a stage failed.
/// </remarks>
public sealed class E2eHarness(E2eOptions options, TextWriter output)
{
    /// <summary>Runs every part and writes the report.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        string clipPath = File.Exists(options.Clip) ? Path.GetFullPath(options.Clip) : RepoPaths.Media(options.Clip);
        string scratch = Directory.CreateTempSubdirectory("mmf-e2e").FullName;
        string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string artifacts = Path.GetFullPath(options.Artifacts);
        var report = new E2eReport(output);
        try
        {
            using var clip = DecodedClip.Load(clipPath);
            using var models = E2eModels.Load(scratch, options.Window, options.Hop, options.Provider);
            using var extractor = new ImageExtractor(models.Image.Session, models.Normalization);
            using var runner = new FusionRunner(models.Fusion, options.Slots);
            var pipeline = new PipelineRun(clip, extractor, runner, options);

            report.Line("# e2e latency report");
            report.Line();
            report.Line($"{E2eReport.Environment()}. Clip {Path.GetFileName(clipPath)} ({clip.Width}x{clip.Height}, {clip.Fps:F2} fps, {clip.Count} frames, decoded once " +
                $"into memory); window {options.Window.TotalSeconds} s, hop {options.Hop.TotalSeconds} s, {options.Slots} slots; models {models.Image.Manifest.Name} + " +
                $"{models.Fusion.Manifest.Name} ({models.Origin}); sessions {models.Image.Session} and {models.Fusion.Session}; ONNX Runtime 1 intra-op thread.");
            report.Line();
            report.Line($"## Real time: pipeline vs raw loop ({options.Loops} pass(es) each, alternating; same frames, same sessions)");
            report.Line();
            // Alternate passes (raw, pipeline, raw, ...) so that a change in the machine's load hits both sides alike.
            RawOrtLoop.WarmUp(clip, extractor, runner);
            var raw = new List<RawDecision>();
            var passes = new List<PipelineRunResult>();
            for (int pass = 0; pass < options.Loops; pass++)
            {
                raw.AddRange(await Pacing.OnOwnThread(() => RawOrtLoop.Run(clip, extractor, runner, options, ReplayPlan.RealTime(1), cancellationToken),
                    cancellationToken).ConfigureAwait(false));
                passes.Add(await pipeline.RunAsync(ReplayPlan.RealTime(1), live: true, sampleEvery: null, cancellationToken).ConfigureAwait(false));
            }
            PipelineRunResult realTime = PipelineRunResult.Combine(passes);
            report.RealTime(realTime, raw, options.Slots);
            SaveHistogram(Path.Combine(artifacts, $"e2e-{stamp}-latency.png"), "End-to-end decision latency, real time", realTime);
            if (realTime.Error is { } error)
            {
                report.Line($"e2e: a stage failed: {error.Message}");
                return 1;
            }
            int exit = realTime.Decisions.Count > 0 ? 0 : 1;

            if (options.Overload.Count > 0)
                exit = Math.Max(exit, await OverloadAsync(pipeline, clip, report, artifacts, stamp, cancellationToken).ConfigureAwait(false));

            string markdown = Path.Combine(artifacts, $"e2e-{stamp}.md");
            report.Save(markdown);
            output.WriteLine($"report: {markdown}; histograms: {Path.Combine(artifacts, $"e2e-{stamp}-*.png")}");
            return exit;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private async Task<int> OverloadAsync(PipelineRun pipeline, DecodedClip clip, E2eReport report, string artifacts, string stamp,
        CancellationToken cancellationToken)
    {
        report.Line("## Overload");
        report.Line();
        var calibration = await pipeline.RunAsync(new ReplayPlan(1, Paced: false, Loops: null, Duration: options.Calibrate), live: false,
            sampleEvery: null, cancellationToken).ConfigureAwait(false);
        double sustained = calibration.Speed;
        report.Line($"sustained: {sustained:F1}x real time ({calibration.Media.TotalSeconds:F0} s of media in {calibration.WallMicros / 1e6:F1} s: frames as fast as the " +
            $"lossless queues take them, {calibration.Decisions.Count} decisions, nothing dropped). Each overload run replays at a multiple of that speed with the " +
            "live queues; window, hop and deadline shrink by the same factor, so every window holds the same frames.");
        report.Line();
        if (calibration.Error is { } error || sustained <= 0)
        {
            report.Line($"e2e: the calibration failed: {calibration.Error?.Message ?? "no media was processed"}");
            return 1;
        }
        int exit = 0;
        foreach (double factor in options.Overload)
        {
            double speed = factor * sustained;
            var run = await pipeline.RunAsync(new ReplayPlan(speed, Paced: true, Loops: null, Duration: options.Duration), live: true,
                sampleEvery: options.EffectiveBucket, cancellationToken).ConfigureAwait(false);
            report.Overload(factor, speed, run, options.EffectiveBucket);
            string name = factor.ToString(CultureInfo.InvariantCulture);
            if (run.Decisions.Count > 0)
                SaveHistogram(Path.Combine(artifacts, $"e2e-{stamp}-overload-{name}x.png"), $"End-to-end decision latency, {name}x overload", run);
            if (run.Error is not null || run.Decisions.Count == 0)
            {
                report.Line($"e2e: the {name}x run {(run.Error is { } e ? "failed: " + e.Message : "produced no decision")}");
                exit = 1;
            }
        }
        return exit;
    }

    private static void SaveHistogram(string path, string title, PipelineRunResult run)
    {
        if (run.Decisions.Count > 0)
            LatencyHistogramPlot.SavePng(path, title, [("end to end", run.Decisions.Select(d => d.EndToEnd).ToList())]);
    }
}
