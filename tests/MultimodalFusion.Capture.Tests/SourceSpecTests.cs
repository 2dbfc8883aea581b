using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Capture.Tests;

public sealed class SourceSpecTests
{
    [Theory]
    [InlineData("clip.mp4", SourceKind.VideoFile, "clip.mp4", Modality.Video)]
    [InlineData("/data/Vtest.AVI", SourceKind.VideoFile, "/data/Vtest.AVI", Modality.Video)]
    [InlineData("talk.wav", SourceKind.WavFile, "talk.wav", Modality.Audio)]
    [InlineData("talk.mp3", SourceKind.AudioFile, "talk.mp3", Modality.Audio)]
    [InlineData("talk.srt", SourceKind.TranscriptFile, "talk.srt", Modality.Text)]
    [InlineData("talk.vtt", SourceKind.TranscriptFile, "talk.vtt", Modality.Text)]
    [InlineData("talk.jsonl", SourceKind.TranscriptFile, "talk.jsonl", Modality.Text)]
    [InlineData("/dev/video2", SourceKind.Camera, "/dev/video2", Modality.Video)]
    [InlineData("camera:0", SourceKind.Camera, "/dev/video0", Modality.Video)]
    [InlineData("rtsp://127.0.0.1:8554/cam", SourceKind.NetworkVideo, "rtsp://127.0.0.1:8554/cam", Modality.Video)]
    [InlineData("https://example.org/live.m3u8", SourceKind.NetworkVideo, "https://example.org/live.m3u8", Modality.Video)]
    [InlineData("mic:", SourceKind.Microphone, "", Modality.Audio)]
    [InlineData("mic:vmic", SourceKind.Microphone, "vmic", Modality.Audio)]
    [InlineData("stdin:jsonl", SourceKind.LiveTranscript, "-", Modality.Text)]
    [InlineData("asr:pocketsphinx", SourceKind.Asr, "", Modality.Text)]
    [InlineData("asr:whisper:/models/ggml-base.en.bin", SourceKind.Asr, "/models/ggml-base.en.bin", Modality.Text)]
    public void Parses_every_documented_form(string text, SourceKind kind, string target, Modality modality)
    {
        var spec = SourceSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(target, spec.Target);
        Assert.Equal(modality, spec.Modality);
    }

    [Fact]
    public void Live_sources_are_marked_live_and_files_are_not()
    {
        Assert.True(SourceSpec.Parse("rtsp://h/cam").IsLive);
        Assert.True(SourceSpec.Parse("mic:").IsLive);
        Assert.True(SourceSpec.Parse("camera:1").IsLive);
        Assert.False(SourceSpec.Parse("a.mp4").IsLive);
        Assert.False(SourceSpec.Parse("a.srt").IsLive);
    }

    [Fact]
    public void Asr_engine_is_recorded()
    {
        Assert.Equal("pocketsphinx", SourceSpec.Parse("asr:pocketsphinx").Engine);
        Assert.Equal("whisper", SourceSpec.Parse("asr:whisper:m.bin").Engine);
    }

    [Theory]
    [InlineData("notes.docx", "extension '.docx'")]
    [InlineData("camera:x", "camera:N needs a device number")]
    [InlineData("asr:kaldi", "asr:pocketsphinx and asr:whisper:MODEL.bin")]
    [InlineData("asr:whisper:", "asr:pocketsphinx and asr:whisper:MODEL.bin")]
    [InlineData("  ", "empty source")]
    public void Rejects_unknown_forms_with_a_message_that_names_them(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => SourceSpec.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Display_and_errors_never_show_credentials()
    {
        var spec = SourceSpec.Parse("rtsp://admin:hunter2@10.0.0.5/stream1");
        Assert.Equal("rtsp://***@10.0.0.5/stream1", spec.Display);
        Assert.DoesNotContain("hunter2", spec.Display);
        var e = Assert.Throws<FormatException>(() => SourceSpec.Parse("ftp://admin:hunter2@host/x.bin"));
        Assert.DoesNotContain("hunter2", e.Message);
    }
}
