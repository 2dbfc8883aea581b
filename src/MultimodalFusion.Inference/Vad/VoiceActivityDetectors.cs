using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Vad;

/// <summary>Chooses the detector: Silero when its model file is present, otherwise the energy fallback (with a log line).</summary>
public static class VoiceActivityDetectors
{
    /// <summary>Where tools/fetch-silero-vad.sh puts the model, relative to the media folder.</summary>
    public const string SileroFileName = "silero_vad_v5.onnx";

    /// <summary>
    /// A Silero detector over <paramref name="sileroModelPath"/> when that file exists, else an <see cref="EnergyVad"/>.
    /// The returned detector owns its session: dispose it when it implements <see cref="IDisposable"/>.
    /// </summary>
    public static IVoiceActivityDetector Create(string? sileroModelPath, OnnxSessionFactory? sessions = null, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (sileroModelPath is null || !File.Exists(sileroModelPath))
        {
            logger.LogWarning("Silero VAD model not found at {Path}; using the energy VAD (run tools/fetch-silero-vad.sh)", sileroModelPath ?? "(none)");
            return new EnergyVad();
        }
        var session = (sessions ?? new OnnxSessionFactory()).Create(sileroModelPath, new OrtSessionOptions { WarmUpRuns = 0, IntraOpThreads = 1 });
        return new OwningSileroVad(session);
    }

    /// <summary>A Silero detector that disposes its session with itself.</summary>
    private sealed class OwningSileroVad(ModelSession session) : IVoiceActivityDetector, IDisposable
    {
        private readonly SileroVad _vad = new(session);

        public int SampleRateHz => _vad.SampleRateHz;

        public int FrameSamples => _vad.FrameSamples;

        public float Process(ReadOnlySpan<float> frame) => _vad.Process(frame);

        public void Reset() => _vad.Reset();

        public void Dispose()
        {
            _vad.Dispose();
            session.Dispose();
        }
    }
}
