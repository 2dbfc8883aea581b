using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Capture.Video;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;

namespace MultimodalFusion.Capture;

/// <summary>Builds the capture source that a <see cref="SourceSpec"/> names: the one place that maps names to classes.</summary>
/// <remarks>
/// Video files go through OpenCvSharp (true PTS); cameras and network streams through an ffmpeg child
/// process; WAV through NAudio, other audio through ffmpeg; microphones through PulseAudio (NAudio on
/// Windows); transcripts through our SRT/VTT/JSONL parsers; ASR through pocketsphinx or Whisper.net.
/// Nothing is opened here: a source opens its input when it runs, so errors surface in the supervisor.
/// </remarks>
public sealed class SourceFactory(SourceFactoryOptions options, IClock clock, ILoggerFactory loggerFactory)
{
    /// <summary>A video source for <paramref name="spec"/> whose frames carry <paramref name="id"/>.</summary>
    public IPacketSource<VideoFrame> CreateVideo(SourceSpec spec, string id) => spec.Kind switch
    {
        SourceKind.VideoFile => new VideoFileSource(spec.Target, clock, new VideoFileSourceOptions
        {
            Id = id,
            OriginMicros = options.MediaOriginMicros,
            Realtime = options.Realtime,
            TargetFps = options.VideoFps,
        }, loggerFactory.CreateLogger<VideoFileSource>()),
        SourceKind.Camera or SourceKind.NetworkVideo => new FfmpegVideoSource(spec.Target, clock, new FfmpegVideoSourceOptions
        {
            Id = id,
            TargetFps = options.VideoFps,
        }, loggerFactory.CreateLogger<FfmpegVideoSource>()),
        _ => throw NotOf(spec, Modality.Video),
    };

    /// <summary>An audio source for <paramref name="spec"/> (16 kHz mono chunks) whose chunks carry <paramref name="id"/>.</summary>
    public IPacketSource<AudioChunk> CreateAudio(SourceSpec spec, string id)
    {
        var fileOptions = new AudioFileOptions(id, Realtime: options.Realtime, MediaOriginMicros: options.MediaOriginMicros);
        return spec.Kind switch
        {
            SourceKind.WavFile => new WavFileSource(spec.Target, fileOptions, clock, loggerFactory.CreateLogger<WavFileSource>()),
            SourceKind.AudioFile => new AudioFileSource(spec.Target, fileOptions, clock, loggerFactory.CreateLogger<AudioFileSource>()),
            SourceKind.Microphone => new MicrophoneSource(spec.Target.Length > 0 ? spec.Target : null, new MicrophoneOptions(id), clock,
                loggerFactory.CreateLogger<MicrophoneSource>()),
            _ => throw NotOf(spec, Modality.Audio),
        };
    }

    /// <summary>
    /// A text source for <paramref name="spec"/>; an ASR source reads <paramref name="asrAudio"/>, which the
    /// caller fills with (retained) chunks of an audio source. ASR engines that cannot run throw
    /// <see cref="SourceException"/> saying what is missing.
    /// </summary>
    public IPacketSource<TranscriptSegment> CreateText(SourceSpec spec, string id, ChannelReader<AudioChunk>? asrAudio = null)
    {
        switch (spec.Kind)
        {
            case SourceKind.TranscriptFile:
                return new TranscriptFileSource(spec.Target, new TranscriptFileOptions(id, options.Realtime, options.MediaOriginMicros), clock,
                    loggerFactory.CreateLogger<TranscriptFileSource>());
            case SourceKind.LiveTranscript:
                return new LiveTranscriptSource(Console.In, new LiveTranscriptOptions(id, "stdin", options.MediaOriginMicros), clock,
                    loggerFactory.CreateLogger<LiveTranscriptSource>());
            case SourceKind.Asr:
                if (asrAudio is null)
                    throw new ArgumentException($"{spec.Display} needs an audio source to transcribe.");
                ISpeechRecognizer recognizer;
                try
                {
                    recognizer = SpeechRecognizers.Create(spec.Engine == "whisper" ? $"whisper:{spec.Target}" : spec.Engine,
                        loggerFactory.CreateLogger<ISpeechRecognizer>());
                }
                catch (SpeechRecognizerException e)
                {
                    throw new SourceException(spec.Display, e.Message, isTransient: false, e);
                }
                return new AsrTranscriptSource(asrAudio, recognizer, new AsrOptions(id), loggerFactory.CreateLogger<AsrTranscriptSource>());
            default:
                throw NotOf(spec, Modality.Text);
        }
    }

    private static ArgumentException NotOf(SourceSpec spec, Modality modality) =>
        new($"{spec.Display} is a {spec.Modality} source, not {modality}.");
}
