using System.Collections.Concurrent;
using System.Runtime.Versioning;
using MultimodalFusion.Core.Sources;
using NAudio.Wave;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Records from a Windows wave-in device through NAudio's WaveIn (compiled everywhere, used only on Windows; untested).</summary>
/// <remarks>
/// The device is chosen by number ("0") or by a part of its product name; null picks device 0.
/// NAudio calls back on its own thread with 16-bit PCM; the blocks are queued and converted to float in
/// <see cref="Read"/>, which waits at most 100 ms so the reading loop can notice cancellation.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class WaveInMicrophoneBackend(string? device, string description, TimeSpan readSize) : IMicrophoneBackend
{
    private readonly BlockingCollection<short[]> _blocks = new(boundedCapacity: 500);
    private WaveIn? _waveIn;
    private short[]? _current;
    private int _offset;

    public TimeSpan Latency => readSize;

    public void Open()
    {
        int number = ResolveDevice();
        var waveIn = new WaveIn
        {
            DeviceNumber = number,
            WaveFormat = new WaveFormat(AudioFormat.SampleRateHz, 16, 1),
            BufferMilliseconds = (int)Math.Max(10, readSize.TotalMilliseconds),
        };
        waveIn.DataAvailable += (_, e) =>
        {
            var block = new short[e.BytesRecorded / 2];
            Buffer.BlockCopy(e.Buffer, 0, block, 0, block.Length * 2);
            _blocks.TryAdd(block);
        };
        try
        {
            waveIn.StartRecording();
        }
        catch (Exception e) when (e is NAudio.MmException or InvalidOperationException or DllNotFoundException)
        {
            waveIn.Dispose();
            throw new SourceException(description, $"cannot open wave-in device {number}: {e.Message}", isTransient: true, e);
        }
        _waveIn = waveIn;
    }

    public int Read(Span<float> buffer)
    {
        if (_current is null || _offset >= _current.Length)
        {
            if (!_blocks.TryTake(out _current, TimeSpan.FromMilliseconds(100)))
                return 0;
            _offset = 0;
        }
        int n = Math.Min(buffer.Length, _current.Length - _offset);
        for (int i = 0; i < n; i++)
            buffer[i] = _current[_offset + i] / 32768f;
        _offset += n;
        return n;
    }

    public void Dispose()
    {
        _waveIn?.StopRecording();
        _waveIn?.Dispose();
        _waveIn = null;
        _blocks.Dispose();
    }

    private int ResolveDevice()
    {
        int count = WaveIn.DeviceCount;
        if (string.IsNullOrEmpty(device))
            return count > 0 ? 0 : throw new SourceException(description, "no wave-in device is present.", isTransient: false);
        if (int.TryParse(device, out int n) && n >= 0 && n < count)
            return n;
        for (int i = 0; i < count; i++)
            if (WaveIn.GetCapabilities(i).ProductName.Contains(device, StringComparison.OrdinalIgnoreCase))
                return i;
        throw new SourceException(description, $"wave-in device '{device}' not found among {count} device(s).", isTransient: false);
    }
}
