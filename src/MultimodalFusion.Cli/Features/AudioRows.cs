using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Cli.Features;

/// <summary>
/// Audio features of one WAV, computed by the runtime's own path: <see cref="WavFileSource"/> (16 kHz mono) into an
/// <see cref="AudioFeatureStage"/> over the <see cref="AudioEncoder"/>, so windows, hop and timing are the runtime's.
/// </summary>
/// <remarks>
/// The file's sample 0 is at time 0 (the video's frame 0). Row timestamp: the centre of the window's
/// <see cref="AudioWindowTiming"/> span, <c>(start + end) / 2</c>. A trailing partial window is dropped, as at run time.
/// A missing, corrupt or unreadable WAV fails with the source's message naming the file.
/// </remarks>
public static class AudioRows
{
    /// <summary>Encodes <paramref name="wavPath"/> with <paramref name="encoder"/> (not owned) every <paramref name="hop"/>.</summary>
    public static async Task<FeatureRows> ComputeAsync(string wavPath, AudioEncoder encoder, TimeSpan hop, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = new ManualClock();
        var source = new WavFileSource(wavPath, new AudioFileOptions(StreamId: "audio", Realtime: false, MediaOriginMicros: 0), clock, logger);
        var chunks = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });
        var packets = Channel.CreateUnbounded<FeaturePacket>();
        var stage = new AudioFeatureStage("features-audio", chunks.Reader, packets.Writer, new StageMetrics("features-audio", clock),
            encoder, hop, logger: logger);
        Task stageDone = stage.Start(cancellationToken);
        var rows = new FeatureRows(ExtractorSet.Audio, encoder.FeatureLength);
        Task collect = CollectAsync(packets.Reader, rows, cancellationToken);
        try
        {
            await source.RunAsync(chunks.Writer, cancellationToken).ConfigureAwait(false);
            chunks.Writer.TryComplete();
        }
        catch (Exception e)
        {
            chunks.Writer.TryComplete(e);
            await Quietly(stageDone).ConfigureAwait(false);
            await Quietly(collect).ConfigureAwait(false);
            DrainAndDispose(chunks.Reader);
            throw;
        }
        try
        {
            await stageDone.ConfigureAwait(false);
            await collect.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidDataException($"{wavPath}: audio features failed: {e.Message}", e);
        }
        return rows;
    }

    private static async Task CollectAsync(ChannelReader<FeaturePacket> reader, FeatureRows rows, CancellationToken cancellationToken)
    {
        await foreach (FeaturePacket packet in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (packet)
                rows.Add(packet.Span, packet.StartMicros + (packet.EndMicros - packet.StartMicros) / 2);
        }
    }

    // Waits for a task that is being torn down after the real error, which the caller rethrows.
    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The source's exception is the one reported.
        }
    }

    private static void DrainAndDispose(ChannelReader<AudioChunk> reader)
    {
        while (reader.TryRead(out AudioChunk? chunk))
            chunk.Dispose();
    }
}
