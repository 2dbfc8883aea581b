using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Pipeline.Tests.Support;

/// <summary>A video source whose every run follows a script: run n calls <c>script(n, writer, token)</c>.</summary>
/// <remarks>
/// Records when each run started, as timestamps of <c>time</c> (default <see cref="TimeProvider.System"/>; a fake
/// provider makes the intervals exact), so tests can measure the backoff between runs.
/// </remarks>
internal sealed class ScriptedSource(string id, Func<int, ChannelWriter<VideoFrame>, CancellationToken, Task> script, TimeProvider? time = null)
    : IPacketSource<VideoFrame>
{
    private readonly List<long> _runStarts = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Id => id;

    public string Description => $"scripted:{id} rtsp://viewer:s3cret@127.0.0.1/{id}";

    public int Runs { get { lock (_runStarts) return _runStarts.Count; } }

    /// <summary>Time between consecutive run starts.</summary>
    public IReadOnlyList<TimeSpan> IntervalsBetweenRuns()
    {
        lock (_runStarts)
            return _runStarts.Zip(_runStarts.Skip(1), (a, b) => _time.GetElapsedTime(a, b)).ToList();
    }

    public Task RunAsync(ChannelWriter<VideoFrame> output, CancellationToken cancellationToken)
    {
        int run;
        lock (_runStarts)
        {
            run = _runStarts.Count;
            _runStarts.Add(_time.GetTimestamp());
        }
        return script(run, output, cancellationToken);
    }

    /// <summary>A transient failure, as a dropped stream would raise.</summary>
    public static SourceException Dropped(string id) => new($"rtsp://127.0.0.1/{id}", "stream dropped", isTransient: true);
}
