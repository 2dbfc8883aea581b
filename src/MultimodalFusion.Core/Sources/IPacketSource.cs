using System.Threading.Channels;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Core.Sources;

/// <summary>A capture source: produces the packets of one stream (video, audio or text).</summary>
/// <remarks>
/// <see cref="RunAsync"/> writes packets in stream order and returns when the input ends (end of a
/// file); it never completes <paramref name="output"/> itself, because a supervisor may run it again
/// after a failure. Failures throw <see cref="SourceException"/>, whose
/// <see cref="SourceException.IsTransient"/> tells the supervisor whether a restart can help.
/// Packets written to the channel are handed over: the channel's reader (or its drop callback) owns
/// them. One run at a time; a new run continues the stream's sequence numbers.
/// </remarks>
public interface IPacketSource<T> where T : ITimedPacket
{
    /// <summary>Stream id stamped on every packet (e.g. "cam1").</summary>
    string Id { get; }

    /// <summary>What this source reads, safe to log (credentials redacted).</summary>
    string Description { get; }

    /// <summary>Reads until the input ends or <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(ChannelWriter<T> output, CancellationToken cancellationToken);
}
