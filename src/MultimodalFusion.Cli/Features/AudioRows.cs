using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Stages;

namespace MultimodalFusion.Cli.Features;

/// <summary>
/// Audio features of one WAV, made by the runtime's own row definition: <see cref="WavFileSource"/> (16 kHz mono)
/// into an <see cref="AudioRowCutter"/> over the <see cref="AudioEncoder"/>, the same cutter the live fusion path
/// (<see cref="AudioWindowFeatures"/>) runs, so windows, hop and stamps are the runtime's.
/// </summary>
/// <remarks>
/// The file's sample 0 is at time 0 (the video's frame 0). Row timestamp: the centre of the window's span,
/// <c>(start + end) / 2</c>. A trailing partial window is dropped, as at run time. A missing, corrupt or unreadable
/// WAV fails with the source's message naming the file.
/// </remarks>
public static class AudioRows
{
    /// <summary>Encodes <paramref name="wavPath"/> with <paramref name="encoder"/> (not owned) every <paramref name="hop"/>.</summary>
    public static async Task<FeatureRows> ComputeAsync(string wavPath, AudioEncoder encoder, TimeSpan hop, ILogger logger, CancellationToken cancellationToken)
    {
        var clock = new ManualClock();
        var source = new WavFileSource(wavPath, new AudioFileOptions(StreamId: "audio", Realtime: false, MediaOriginMicros: 0), clock, logger);
        var chunks = Channel.CreateBounded<AudioChunk>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.Wait });
        var rows = new FeatureRows(ExtractorSet.Audio, encoder.FeatureLength);
        var cutter = new AudioRowCutter(encoder, hop);
        AudioRowCutter.RowHandler onRow = (features, stamp) => rows.Add(features, stamp);
        Task cut = CutAsync(chunks.Reader, cutter, onRow, cancellationToken);
        try
        {
            await source.RunAsync(chunks.Writer, cancellationToken).ConfigureAwait(false);
            chunks.Writer.TryComplete();
        }
        catch (Exception e)
        {
            chunks.Writer.TryComplete(e);
            await Quietly(cut).ConfigureAwait(false);
            DrainAndDispose(chunks.Reader);
            throw;
        }
        try
        {
            await cut.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DrainAndDispose(chunks.Reader);
            throw new InvalidDataException($"{wavPath}: audio features failed: {e.Message}", e);
        }
        return rows;
    }

    private static async Task CutAsync(ChannelReader<AudioChunk> reader, AudioRowCutter cutter, AudioRowCutter.RowHandler onRow, CancellationToken cancellationToken)
    {
        await foreach (AudioChunk chunk in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            using (chunk)
                cutter.Add(chunk, onRow);
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
