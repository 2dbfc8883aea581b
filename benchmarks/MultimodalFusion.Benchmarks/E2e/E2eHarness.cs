using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// End-to-end latency harness: plays a clip at real time through VideoFileSource -> live frame queue (DropOldest) ->
/// PacketMerger -> WindowAlignerStage -> live window queue -> FusionStage (image extractor per slot via
/// VideoWindowFeatures, then the fusion model) and measures, per decision, the time from the capture of the newest
/// frame used to when the prediction is read; then runs <see cref="RawOrtLoop"/> over the same clip for the ratio.
/// </summary>
/// <remarks>
/// Everything runs on one <see cref="MonotonicClock"/>; the harness prints a markdown table and returns the exit code
/// (1 when no decision came out or a stage faulted).
/// </remarks>
public sealed class E2eHarness(E2eOptions options, TextWriter output)
{
    /// <summary>Runs the pipeline, then the raw loop, and prints the report.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        string clip = File.Exists(options.Clip) ? Path.GetFullPath(options.Clip) : RepoPaths.Media(options.Clip);
        var (frameCount, fps, size) = Probe(clip);
        string scratch = Directory.CreateTempSubdirectory("mmf-e2e").FullName;
        try
        {
            using var models = E2eModels.Load(scratch, options.Window, options.Hop);
            using var extractor = new ImageExtractor(models.Image.Session, models.Normalization);
            using var runner = new FusionRunner(models.Fusion, options.Slots);
            output.WriteLine($"e2e: {Path.GetFileName(clip)} x{options.Loops} at real time ({size.Width}x{size.Height}, {fps:F2} fps, {frameCount} frames/loop); " +
                $"window {options.Window.TotalSeconds} s, hop {options.Hop.TotalSeconds} s, {options.Slots} slots; models: {models.Image.Manifest.Name} + {models.Fusion.Manifest.Name} ({models.Origin}); ONNX Runtime 1 intra-op thread");

            var clock = MonotonicClock.Instance;
            var registry = new MetricsRegistry(clock);
            var probe = new DecisionProbe(new VideoWindowFeatures(extractor, E2eModels.VideoInput, E2eModels.VideoMask), clock);
            var frames = PipelineChannels.Create<VideoFrame>(ChannelSpec.Live("e2e-frames", 4), registry);
            var packets = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("e2e-packets"), registry);
            var windows = PipelineChannels.Create<AlignedWindow>(ChannelSpec.Live("e2e-windows", 4), registry);
            var predictions = PipelineChannels.Create<FusionPrediction>(ChannelSpec.Lossless("e2e-predictions"), registry);
            var aligner = new WindowAligner(new AlignerOptions { Window = options.Window, Hop = options.Hop, Expected = ModalityMask.Video }, clock);
            var align = new WindowAlignerStage("align", packets.Reader, windows.Writer, registry.GetOrAdd("align"), aligner, TimeSpan.FromMilliseconds(10));
            var fusion = new FusionStage("fusion", windows.Reader, predictions.Writer, registry.GetOrAdd("fusion"), runner, [probe], options.Slots);
            var merger = new PacketMerger(registry.GetOrAdd("merge")).Add("video", frames.Reader);

            Task alignDone = align.Start(cancellationToken), fusionDone = fusion.Start(cancellationToken);
            Task merged = merger.RunAsync(packets.Writer, cancellationToken);
            var sources = new List<VideoFileSource>();
            Task played = PlayAsync(clip, clock, frameCount / fps, frames.Writer, sources, cancellationToken);

            var endToEnd = new List<long>();
            var waits = new List<long>();
            var queued = new List<long>();
            var extract = new List<long>();
            var runAndHandOff = new List<long>();
            int byDeadline = 0, flushed = 0;
            await foreach (FusionPrediction prediction in predictions.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                long now = clock.NowMicros;
                if (probe.Take(prediction.WindowIndex) is not { } t)
                    continue;
                if (t.Reason == WindowEmitReason.Flush)
                {
                    flushed++;   // emitted because the input ended, not by the live rules: not a steady-state latency
                    continue;
                }
                endToEnd.Add(now - t.NewestFrameMicros);
                waits.Add(t.EmitMicros - t.NewestFrameMicros);
                queued.Add(t.FillStartMicros - t.EmitMicros);
                extract.Add(t.FillEndMicros - t.FillStartMicros);
                runAndHandOff.Add(now - t.FillEndMicros);
                byDeadline += t.Reason == WindowEmitReason.Deadline ? 1 : 0;
            }
            await Task.WhenAll(played, merged, alignDone, fusionDone).ConfigureAwait(false);
            PipelineChannels.DisposeRemaining(windows.Reader);

            output.WriteLine($"decisions: {endToEnd.Count} ({byDeadline} emitted by deadline; {flushed} more flushed at the end of input, not counted); frames decoded {sources.Sum(s => s.FramesDecoded)}, " +
                $"dropped by the live frame queue {registry.GetOrAdd("e2e-frames").Dropped}; windows dropped by the live window queue {registry.GetOrAdd("e2e-windows").Dropped}; " +
                $"aligner late {aligner.LateDrops}, regressions {aligner.Regressions}");
            output.WriteLine();
            output.WriteLine(LatencySummary.Header);
            output.WriteLine(new LatencySummary(endToEnd).Row("end to end: newest frame captured -> prediction read"));
            output.WriteLine(new LatencySummary(waits).Row("aligner: newest frame -> window emitted (watermark wait)"));
            output.WriteLine(new LatencySummary(queued).Row("window queue: emitted -> fusion stage starts"));
            output.WriteLine(new LatencySummary(extract).Row($"image extractor: {options.Slots} slot frames"));
            output.WriteLine(new LatencySummary(runAndHandOff).Row("fusion run + prediction hand-off"));
            var processing = new LatencySummary(queued.Select((q, i) => q + extract[i] + runAndHandOff[i]));
            output.WriteLine(processing.Row("pipeline processing: emitted -> prediction read"));

            var raw = new LatencySummary(RawOrtLoop.Run(clip, extractor, runner, options));
            output.WriteLine(raw.Row($"raw ONNX Runtime loop: {options.Slots} extractions + 1 fusion run ({raw.Count} decisions)"));
            output.WriteLine();
            double ratio = raw.Percentile(50) > 0 ? (double)processing.Percentile(50) / raw.Percentile(50) : double.NaN;
            output.WriteLine($"overhead ratio (p50 pipeline processing / p50 raw loop): {ratio:F2}");
            if ((align.Error ?? fusion.Error) is { } error)
            {
                output.WriteLine($"e2e: a stage failed: {error.Message}");
                return 1;
            }
            return endToEnd.Count > 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>Plays the clip <see cref="E2eOptions.Loops"/> times back to back on one timeline, then completes the frame queue.</summary>
    private async Task PlayAsync(string clip, IClock clock, double loopSeconds, System.Threading.Channels.ChannelWriter<VideoFrame> frames,
        List<VideoFileSource> sources, CancellationToken cancellationToken)
    {
        long origin = clock.NowMicros + 200_000;   // a little lead, so the first frame is not already late
        try
        {
            for (int loop = 0; loop < options.Loops; loop++)
            {
                var source = new VideoFileSource(clip, clock, new VideoFileSourceOptions
                {
                    Id = "e2e",
                    Realtime = true,
                    OriginMicros = origin + (long)(loop * loopSeconds * 1_000_000),
                });
                sources.Add(source);
                await source.RunAsync(frames, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            frames.TryComplete();
        }
    }

    private static (int Frames, double Fps, Size Size) Probe(string clip)
    {
        using var capture = new VideoCapture(clip);
        if (!capture.IsOpened())
            throw new InvalidDataException($"{clip}: OpenCV cannot open the clip.");
        return (capture.FrameCount, capture.Fps > 0 ? capture.Fps : 25, new Size(capture.FrameWidth, capture.FrameHeight));
    }
}
