namespace MultimodalFusion.Capture;

/// <summary>What a source string names; see <see cref="SourceSpec.Parse"/>.</summary>
public enum SourceKind
{
    /// <summary>A video file read through OpenCvSharp (mp4, avi, mkv, ...).</summary>
    VideoFile,
    /// <summary>A local camera (<c>camera:0</c>, <c>/dev/video0</c>) read through ffmpeg.</summary>
    Camera,
    /// <summary>An RTSP or HTTP(S) stream read through ffmpeg.</summary>
    NetworkVideo,
    /// <summary>A WAV file read through NAudio.</summary>
    WavFile,
    /// <summary>Another audio file (mp3, flac, ogg, ...) decoded by ffmpeg.</summary>
    AudioFile,
    /// <summary>A microphone (<c>mic:</c> for the default, <c>mic:NAME</c>).</summary>
    Microphone,
    /// <summary>A subtitle or transcript file (srt, vtt, jsonl).</summary>
    TranscriptFile,
    /// <summary>JSON-lines transcript read live from standard input (<c>stdin:jsonl</c>).</summary>
    LiveTranscript,
    /// <summary>Speech recognition over the audio source(s) (<c>asr:pocketsphinx</c>, <c>asr:whisper:MODEL.bin</c>).</summary>
    Asr,
}
