using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Metrics;

namespace MultimodalFusion.Pipeline.Stages;

/// <summary>Merges the channels of several sources (video, audio, text) into the one packet channel a window aligner reads.</summary>
/// <remarks>
/// <para>Each input is forwarded in its own order; there is no order across inputs (the aligner does not need one).
/// An input that ends with an error (a source that failed for good) is logged and recorded in <see cref="InputErrors"/>,
/// and the others go on: a missing modality degrades the windows, it does not stop them. The output is completed,
/// without error, once every input has ended; on cancellation it is completed as well.</para>
/// <para>Ownership: a packet read from an input is handed to the output; if the write is cancelled the merger
/// disposes it. Packets still buffered in the inputs after cancellation belong to their channels' owners.</para>
/// </remarks>
public sealed class PacketMerger
{
    private readonly List<Func<ChannelWriter<ITimedPacket>, CancellationToken, Task>> _inputs = [];
    private readonly List<(string Name, Exception Error)> _errors = [];
    private readonly StageMetrics _metrics;
    private readonly ILogger _logger;
    private int _started;

    /// <summary>A merger that counts forwarded packets in <paramref name="metrics"/> (In and Out).</summary>
    public PacketMerger(StageMetrics metrics, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Inputs that ended with an error, by name.</summary>
    public IReadOnlyList<(string Name, Exception Error)> InputErrors { get { lock (_errors) return _errors.ToList(); } }

    /// <summary>Adds an input named <paramref name="name"/> (for logs); call before <see cref="RunAsync"/>.</summary>
    public PacketMerger Add<T>(string name, ChannelReader<T> input) where T : ITimedPacket
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(input);
        if (Volatile.Read(ref _started) != 0)
            throw new InvalidOperationException("Inputs must be added before the merger runs.");
        _inputs.Add((output, ct) => ForwardAsync(name, input, output, ct));
        return this;
    }

    /// <summary>Forwards every input into <paramref name="output"/> until all have ended, then completes it.</summary>
    public async Task RunAsync(ChannelWriter<ITimedPacket> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Interlocked.Exchange(ref _started, 1) != 0)
            throw new InvalidOperationException("A merger runs once.");
        try
        {
            await Task.WhenAll(_inputs.Select(forward => forward(output, cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            output.TryComplete();
        }
    }

    private async Task ForwardAsync<T>(string name, ChannelReader<T> input, ChannelWriter<ITimedPacket> output, CancellationToken cancellationToken)
        where T : ITimedPacket
    {
        try
        {
            while (await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (input.TryRead(out T? packet))
                {
                    _metrics.RecordIn();
                    try
                    {
                        await output.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
                    }
                    catch
                    {
                        (packet as IDisposable)?.Dispose();
                        throw;
                    }
                    _metrics.RecordOut();
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Exception error = ex is ChannelClosedException { InnerException: { } inner } ? inner : ex;
            lock (_errors)
                _errors.Add((name, error));
            _logger.LogWarning("Merged input {Input} ended with an error; the other inputs go on: {Message}", name, error.Message);
        }
    }
}
