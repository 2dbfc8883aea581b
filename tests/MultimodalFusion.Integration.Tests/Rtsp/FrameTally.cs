using System.Diagnostics;
using System.Threading.Channels;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Integration.Tests.Rtsp;

/// <summary>Drains a frame channel on its own task: counts frames, remembers when each arrived, disposes them.</summary>
internal sealed class FrameTally
{
    private readonly Lock _lock = new();
    private readonly List<long> _arrivalTicks = [];
    private readonly Task _drain;

    /// <summary>Starts draining <paramref name="reader"/> until it completes.</summary>
    public FrameTally(ChannelReader<VideoFrame> reader) => _drain = Task.Run(async () =>
    {
        try
        {
            await foreach (var frame in reader.ReadAllAsync())
            {
                using (frame)
                {
                    if (frame.Width <= 0 || frame.Span.Length != frame.Width * frame.Height * 3)
                        throw new InvalidOperationException($"Bad frame {frame}.");
                    lock (_lock)
                        _arrivalTicks.Add(Stopwatch.GetTimestamp());
                }
            }
        }
        catch (ChannelClosedException) { } // completed with the supervisor's error
    });

    /// <summary>Frames seen so far.</summary>
    public int Count { get { lock (_lock) return _arrivalTicks.Count; } }

    /// <summary>Ends when the channel completed and every frame was disposed.</summary>
    public Task Completion => _drain;

    /// <summary>How many frames arrived after <paramref name="ticks"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public int CountAfter(long ticks)
    {
        lock (_lock)
            return _arrivalTicks.Count(t => t > ticks);
    }

    /// <summary>When the first frame after <paramref name="ticks"/> arrived, or null.</summary>
    public long? FirstAfter(long ticks)
    {
        lock (_lock)
            return _arrivalTicks.Where(t => t > ticks).Select(t => (long?)t).FirstOrDefault();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; throws with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"Not within {timeout.TotalSeconds} s: {what()}");
            await Task.Delay(20);
        }
    }
}
