using System.Threading.Channels;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Apps.Tests.Violence;

/// <summary>
/// A video source that plays scripted runs: each run writes its frames (8x8 grey, given capture time and brightness)
/// and then ends normally or throws its error, as a live stream that drops does. The next call of
/// <see cref="RunAsync"/> plays the next run; past the last one it ends at once.
/// </summary>
internal sealed class ScriptedVideoSource(string id, BufferPool<byte> pool, params ScriptedVideoSource.Run[] runs) : IPacketSource<VideoFrame>
{
    private const int Size = 8;
    private int _next;
    private long _sequence;

    /// <summary>One run: frames (capture micros, brightness 0-255) and how it ends (null: normally).</summary>
    public sealed record Run(IReadOnlyList<(long Micros, byte Brightness)> Frames, Exception? Ending);

    public string Id => id;

    public string Description => $"scripted:{id}";

    /// <summary>Runs started so far.</summary>
    public int Runs => Volatile.Read(ref _next);

    /// <summary>Frames at <paramref name="fps"/> from frame index <paramref name="from"/> to <paramref name="to"/> (exclusive), all of one brightness.</summary>
    public static IEnumerable<(long Micros, byte Brightness)> Frames(int fps, int from, int to, byte brightness) =>
        Enumerable.Range(from, to - from).Select(i => (i * 1_000_000L / fps, brightness));

    public async Task RunAsync(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        int index = Interlocked.Increment(ref _next) - 1;
        if (index >= runs.Length)
            return;
        var run = runs[index];
        foreach (var (micros, brightness) in run.Frames)
        {
            var buffer = pool.Rent(Size * Size * 3);
            buffer.Span.Fill(brightness);
            var frame = new VideoFrame(buffer, Size, Size, PixelFormat.Bgr24, id, _sequence++, micros, ptsMicros: null);
            try
            {
                await output.WriteAsync(frame, cancellationToken);
            }
            catch
            {
                frame.Dispose();
                throw;
            }
        }
        if (run.Ending is { } error)
            throw error;
    }
}
