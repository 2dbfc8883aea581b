using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture.Audio;

/// <summary>Live microphone capture as 16 kHz mono float chunks: PulseAudio on Linux, NAudio wave-in on Windows.</summary>
/// <remarks>
/// <para>Reading happens on a dedicated thread in small blocking reads. Timestamps: the stream is
/// anchored once, when the first read returns (clock now − that read's duration − the reported
/// latency when <see cref="MicrophoneOptions.CorrectForLatency"/>), and every chunk is
/// <c>anchor + samples / 16 kHz</c>, so chunks are contiguous and never drift against each other.</para>
/// <para>An idle device delivers nothing: a run fails with a transient <see cref="SourceException"/>
/// after <see cref="MicrophoneOptions.NoDataTimeout"/> without samples. On cancellation the run
/// returns within about one read period; if the OS read itself never returns (a stalled device), the
/// thread is abandoned and frees the device handle once that read comes back.</para>
/// <para>Windows support compiles here but is untested (no Windows machine).</para>
/// </remarks>
public sealed class MicrophoneSource : IPacketSource<AudioChunk>
{
    private readonly string? _device;
    private readonly MicrophoneOptions _options;
    private readonly IClock _clock;
    private readonly ILogger _logger;
    private long _nextSequence;
    private long _driftMicros;
    private long _lastDriftWarningMicros = long.MinValue / 2;

    /// <summary>Creates the source for <paramref name="device"/> (a PulseAudio source name, or null/empty for the default).</summary>
    public MicrophoneSource(string? device, MicrophoneOptions options, IClock clock, ILogger? logger = null)
    {
        _device = string.IsNullOrWhiteSpace(device) ? null : device;
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? NullLogger.Instance;
        AudioFormat.FramesIn(_options.EffectiveChunkDuration);
        AudioFormat.FramesIn(_options.EffectiveReadSize);
    }

    /// <inheritdoc />
    public string Id => _options.StreamId;

    /// <inheritdoc />
    public string Description => $"mic:{_device}";

    /// <inheritdoc />
    public async Task RunAsync(ChannelWriter<AudioChunk> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var capture = new MicrophoneCapture(CreateBackend(), output, _clock, Id,
            AudioFormat.FramesIn(_options.EffectiveChunkDuration), _options.CorrectForLatency, _nextSequence, stop.Token);
        var thread = new Thread(capture.Run) { IsBackground = true, Name = $"mic-{Id}" };
        thread.Start();
        try
        {
            await capture.Opened.WaitAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Source} open; reported latency {Latency}", Description, capture.Latency);
            TimeSpan noData = _options.EffectiveNoDataTimeout;
            while (!capture.Completion.IsCompleted)
            {
                await Task.WhenAny(capture.Completion, Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (!capture.Completion.IsCompleted && capture.SinceLastData > noData)
                    throw new SourceException(Description, $"no audio for {noData.TotalSeconds:0.#} s; the device is idle, muted or suspended.", isTransient: true);
                CheckDrift(capture);
            }
            await capture.Completion.ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            // Reads are short; give the thread a moment to free the device itself.
            await Task.WhenAny(capture.Completion, Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None)).ConfigureAwait(false);
            _nextSequence = capture.NextSequence;
            if (capture.Completion.IsFaulted)
                _ = capture.Completion.Exception; // observed here or rethrown above; never left unobserved
            _logger.LogInformation("{Source} stopped after {Frames} samples", Description, capture.TotalFrames);
        }
    }

    /// <summary>
    /// How far the clock is ahead of the sample-count time of the last captured sample, in microseconds
    /// (about one read plus the latency when healthy); it grows when the device loses samples (overruns
    /// while the consumer blocked) or its crystal runs slow.
    /// </summary>
    public long ClockDriftMicros => Interlocked.Read(ref _driftMicros);

    private void CheckDrift(MicrophoneCapture capture)
    {
        if (capture.StreamStartMicros is not { } start)
            return;
        long drift = _clock.NowMicros - (start + Micros.FromSamples(capture.TotalFrames, AudioFormat.SampleRateHz));
        Interlocked.Exchange(ref _driftMicros, drift);
        long now = _clock.NowMicros;
        if (Math.Abs(drift) > 500_000 && now - _lastDriftWarningMicros > 10_000_000)
        {
            _lastDriftWarningMicros = now;
            _logger.LogWarning("{Source}: sample-count time is {Drift} ms behind the clock; samples were lost (consumer too slow?) or the device clock drifts",
                Description, drift / 1000);
        }
    }

    /// <summary>
    /// Null when <paramref name="device"/> (null: the default) can be opened now, else why not (for
    /// <c>mmf doctor</c>); opens and closes the device once, reading nothing.
    /// </summary>
    public static string? DescribeProblem(string? device, MicrophoneOptions? options = null)
    {
        var probe = new MicrophoneSource(device, options ?? new MicrophoneOptions(), MonotonicClock.Instance);
        try
        {
            using var backend = probe.CreateBackend();
            backend.Open();
            return null;
        }
        catch (SourceException e)
        {
            return e.Message;
        }
    }

    private IMicrophoneBackend CreateBackend()
    {
        int readFrames = AudioFormat.FramesIn(_options.EffectiveReadSize);
        if (OperatingSystem.IsWindows())
            return new WaveInMicrophoneBackend(_device, Description, _options.EffectiveReadSize);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsFreeBSD())
            return new PulseMicrophoneBackend(_device, _options.Server, Description, readFrames);
        throw new SourceException(Description, $"no microphone backend for {System.Runtime.InteropServices.RuntimeInformation.OSDescription}.", isTransient: false);
    }
}
