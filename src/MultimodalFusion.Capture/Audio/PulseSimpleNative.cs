using System.Runtime.InteropServices;

namespace MultimodalFusion.Capture.Audio;

/// <summary>P/Invoke declarations for PulseAudio's simple API (libpulse-simple.so.0, libpulse.so.0).</summary>
/// <remarks>
/// A pa_simple handle is not thread-safe: one thread opens, reads and frees it. Every call blocks
/// until done; <c>pa_simple_read</c> returns only when the requested bytes arrived.
/// </remarks>
internal static partial class PulseSimpleNative
{
    private const string SimpleLib = "libpulse-simple.so.0";
    private const string PulseLib = "libpulse.so.0";

    /// <summary>pa_stream_direction_t PA_STREAM_RECORD.</summary>
    public const int StreamRecord = 2;

    /// <summary>pa_sample_format_t PA_SAMPLE_FLOAT32LE.</summary>
    public const int SampleFloat32Le = 5;

    /// <summary>pa_error_code_t values the source turns into messages.</summary>
    public const int ErrConnectionRefused = 6, ErrNoEntity = 5, ErrInvalidServer = 13, ErrTimeout = 8;

    /// <summary>pa_sample_spec: format, rate in Hz, channels (12 bytes with padding).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SampleSpec
    {
        public int Format;
        public uint Rate;
        public byte Channels;
    }

    /// <summary>pa_buffer_attr; uint.MaxValue means "server default". For recording only fragsize matters.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct BufferAttr
    {
        public uint MaxLength;
        public uint TLength;
        public uint PreBuf;
        public uint MinReq;
        public uint FragSize;
    }

    [LibraryImport(SimpleLib, EntryPoint = "pa_simple_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr New(string? server, string name, int direction, string? device, string streamName,
        in SampleSpec spec, IntPtr channelMap, in BufferAttr attr, out int error);

    [LibraryImport(SimpleLib, EntryPoint = "pa_simple_read")]
    public static unsafe partial int Read(IntPtr simple, void* data, nuint bytes, out int error);

    [LibraryImport(SimpleLib, EntryPoint = "pa_simple_get_latency")]
    public static partial ulong GetLatency(IntPtr simple, out int error);

    [LibraryImport(SimpleLib, EntryPoint = "pa_simple_free")]
    public static partial void Free(IntPtr simple);

    [LibraryImport(PulseLib, EntryPoint = "pa_strerror")]
    private static partial IntPtr StrErrorPtr(int error);

    /// <summary>PulseAudio's text for an error code.</summary>
    public static string StrError(int error) =>
        Marshal.PtrToStringUTF8(StrErrorPtr(error)) ?? $"PulseAudio error {error}";
}
