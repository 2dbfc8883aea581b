namespace MultimodalFusion.Capture.Video;

/// <summary>How ffmpeg carries RTP from an RTSP camera.</summary>
public enum RtspTransport
{
    /// <summary>RTP interleaved in the RTSP TCP connection: no loss, works through NAT; the default.</summary>
    Tcp = 0,
    /// <summary>RTP over UDP: lower latency, may lose packets; a frozen server can leave ffmpeg waiting (the watchdog ends that).</summary>
    Udp = 1,
}
