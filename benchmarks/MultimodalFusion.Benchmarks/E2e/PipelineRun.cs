using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Channels;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;

namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>
/// One replay of a <see cref="DecodedClip"/> through the pipeline: <see cref="FrameReplayer"/> -> frame queue ->
/// PacketMerger -> WindowAlignerStage -> window queue -> FusionStage (VideoWindowFeatures + the fusion model) ->
/// prediction queue -> the harness, which times every decision.
/// </summary>
/// <remarks>
/// <para>Live runs use the live queues (DropOldest, 4); lossless runs (<c>live: false</c>) use <c>Wait</c> queues and an
/// aligner deadline of an hour, so nothing is dropped or emitted early while measuring sustained throughput.</para>
/// <para>The window, hop and deadline are media durations: on the clock they shrink by the replay speed, so each
/// window holds the same frames at every speed. The extractor and runner are used by the fusion stage only while
/// <see cref="RunAsync"/> runs; they are not owned.</para>
/// </remarks>
public sealed class PipelineRun(DecodedClip clip, ImageExtractor extractor, FusionRunner runner, E2eOptions options)
{
    private static readonly TimeSpan s_defaultDeadline = new AlignerOptions().Deadline;

    /// <summary>Replays by <paramref name="plan"/>; samples drop counters every <paramref name="sampleEvery"/> when given.</summary>
    public async Task<PipelineRunResult> RunAsync(ReplayPlan plan, bool live, TimeSpan? sampleEvery, CancellationToken cancellationToken)
    {
        IClock clock = MonotonicClock.Instance;
        var registry = new MetricsRegistry(clock);
        ChannelSpec Queue(string name) => live ? ChannelSpec.Live(name, 4) : ChannelSpec.Lossless(name);
        var frames = PipelineChannels.Create<VideoFrame>(Queue("e2e-frames"), registry);
        var packets = PipelineChannels.Create<ITimedPacket>(ChannelSpec.Lossless("e2e-packets"), registry);
        var windows = PipelineChannels.Create<AlignedWindow>(Queue("e2e-windows"), registry);
        var predictions = PipelineChannels.Create<FusionPrediction>(ChannelSpec.Lossless("e2e-predictions"), registry);
        var stamped = new StampingWriter(predictions.Writer, clock);
        var probe = new DecisionProbe(new VideoWindowFeatures(extractor, E2eModels.VideoInput, E2eModels.VideoMask), clock);
        var aligner = new WindowAligner(new AlignerOptions
        {
            Window = options.Window / plan.Speed,
            Hop = options.Hop / plan.Speed,
            Deadline = live ? s_defaultDeadline / plan.Speed : TimeSpan.FromHours(1),
            Expected = ModalityMask.Video,
        }, clock);
        var align = new WindowAlignerStage("align", packets.Reader, windows.Writer, registry.GetOrAdd("align"), aligner, TimeSpan.FromMilliseconds(10));
        var fusion = new FusionStage("fusion", windows.Reader, stamped, registry.GetOrAdd("fusion"), runner, [probe], options.Slots);
        var merger = new PacketMerger(registry.GetOrAdd("merge")).Add("video", frames.Reader);
        var replayer = new FrameReplayer(clip, clock, plan);
        StageMetrics frameQueue = registry.GetOrAdd("e2e-frames"), windowQueue = registry.GetOrAdd("e2e-windows");

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0Before = GC.CollectionCount(0);
        Task alignDone = align.Start(cancellationToken), fusionDone = fusion.Start(cancellationToken);
        Task merged = merger.RunAsync(packets.Writer, cancellationToken);
        Task played = Pacing.OnOwnThread(() => replayer.Run(frames.Writer, cancellationToken), cancellationToken);
        var samples = new List<DropSample>();
        DropSample Sample() => new(clock.NowMicros - replayer.OriginMicros, frameQueue.Dropped, windowQueue.Dropped, replayer.Skipped);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task sampling = sampleEvery is { } every ? SampleAsync(every, clock, replayer, samples, Sample, stopSampling.Token) : Task.CompletedTask;

        var decisions = new List<DecisionRecord>();
        int byDeadline = 0, flushed = 0;
        long lastRead = 0;
        await foreach (FusionPrediction prediction in predictions.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            long now = clock.NowMicros;
            lastRead = now;
            long? written = stamped.Take(prediction.WindowIndex);
            if (probe.Take(prediction.WindowIndex) is not { } t || written is not { } w)
                continue;
            if (t.Reason == WindowEmitReason.Flush)
            {
                flushed++;   // emitted because the input ended, not by the live rules: not a steady-state latency
                continue;
            }
            decisions.Add(new DecisionRecord(now - t.NewestFrameMicros, t.EmitMicros - t.NewestFrameMicros, t.FillStartMicros - t.EmitMicros,
                t.FillEndMicros - t.FillStartMicros, w - t.FillEndMicros, now - w, now - replayer.OriginMicros, t.Extracted));
            byDeadline += t.Reason == WindowEmitReason.Deadline ? 1 : 0;
        }
        await Task.WhenAll(played, merged, alignDone, fusionDone).ConfigureAwait(false);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        int gen0 = GC.CollectionCount(0) - gen0Before;
        stopSampling.Cancel();
        await sampling.ConfigureAwait(false);
        lock (samples)
            samples.Add(Sample() with { AtMicros = lastRead - replayer.OriginMicros });
        PipelineChannels.DisposeRemaining(windows.Reader);

        return new PipelineRunResult(decisions, byDeadline, flushed, replayer.Written, replayer.Skipped, frameQueue.Dropped, windowQueue.Dropped,
            aligner.LateDrops + aligner.Regressions, lastRead - replayer.OriginMicros, replayer.MediaReplayed, allocated, replayer.AllocatedBytes, gen0,
            samples, align.Error ?? fusion.Error);
    }

    /// <summary>Appends a sample at every multiple of <paramref name="every"/> after the replay's origin.</summary>
    private static async Task SampleAsync(TimeSpan every, IClock clock, FrameReplayer replayer, List<DropSample> samples,
        Func<DropSample> sample, CancellationToken cancellationToken)
    {
        while (replayer.OriginMicros == 0 && !cancellationToken.IsCancellationRequested)
            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        try
        {
            for (long k = 1; ; k++)
            {
                long due = replayer.OriginMicros + k * Micros.From(every);
                await Task.Delay(Micros.ToTimeSpan(Math.Max(0, due - clock.NowMicros)), cancellationToken).ConfigureAwait(false);
                lock (samples)
                    samples.Add(sample());
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }
}
