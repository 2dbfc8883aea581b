using MultimodalFusion.Core.Sources;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Records from a PulseAudio source through libpulse-simple (Linux).</summary>
/// <remarks>
/// Asks the server for float32le 16 kHz mono (the server converts) with a small fragment size, so a
/// blocking read of <c>readFrames</c> returns about every read period while the device runs.
/// Not thread-safe; the handle is freed by <see cref="Dispose"/> on the reading thread.
/// </remarks>
internal sealed class PulseMicrophoneBackend(string? device, string? server, string description, int readFrames) : IMicrophoneBackend
{
    private IntPtr _handle;

    public TimeSpan Latency { get; private set; }

    public void Open()
    {
        var spec = new PulseSimpleNative.SampleSpec { Format = PulseSimpleNative.SampleFloat32Le, Rate = AudioFormat.SampleRateHz, Channels = 1 };
        uint fragment = (uint)(readFrames * sizeof(float));
        var attr = new PulseSimpleNative.BufferAttr { MaxLength = uint.MaxValue, TLength = uint.MaxValue, PreBuf = uint.MaxValue, MinReq = uint.MaxValue, FragSize = fragment };
        int error;
        try
        {
            _handle = PulseSimpleNative.New(server, "MultimodalFusion", PulseSimpleNative.StreamRecord, device, "capture", spec, IntPtr.Zero, attr, out error);
        }
        catch (DllNotFoundException e)
        {
            throw new SourceException(description, "libpulse-simple.so.0 is not installed (apt-get install libpulse0; a PulseAudio or PipeWire-Pulse server must run).", isTransient: false, e);
        }
        if (_handle != IntPtr.Zero)
        {
            ulong micros = PulseSimpleNative.GetLatency(_handle, out _);
            Latency = micros == ulong.MaxValue ? TimeSpan.Zero : TimeSpan.FromMicroseconds(micros);
            return;
        }
        string text = PulseSimpleNative.StrError(error);
        string where = server is null ? "the default PulseAudio server" : $"PulseAudio server '{server}'";
        throw error switch
        {
            PulseSimpleNative.ErrNoEntity => new SourceException(description,
                $"PulseAudio source '{device ?? "(default)"}' not found on {where} ({text}); list sources with 'pactl list short sources'.", isTransient: false),
            PulseSimpleNative.ErrConnectionRefused or PulseSimpleNative.ErrTimeout => new SourceException(description,
                $"cannot reach {where} ({text}); is PulseAudio running (tools/virtual-mic.sh for tests)?", isTransient: true),
            PulseSimpleNative.ErrInvalidServer => new SourceException(description, $"invalid PulseAudio server address '{server}' ({text}).", isTransient: false),
            _ => new SourceException(description, $"PulseAudio could not open the source on {where}: {text} (error {error}).", isTransient: true),
        };
    }

    public unsafe int Read(Span<float> buffer)
    {
        fixed (float* p = buffer)
        {
            if (PulseSimpleNative.Read(_handle, p, (nuint)(buffer.Length * sizeof(float)), out int error) < 0)
                throw new SourceException(description, $"PulseAudio read failed: {PulseSimpleNative.StrError(error)}.", isTransient: true);
        }
        return buffer.Length;
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
            PulseSimpleNative.Free(_handle);
        _handle = IntPtr.Zero;
    }
}
