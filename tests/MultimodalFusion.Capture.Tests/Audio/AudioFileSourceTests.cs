using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Core.Sources;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Capture.Tests.Audio.AudioTestHelpers;

namespace MultimodalFusion.Capture.Tests.Audio;

public sealed class AudioFileSourceTests
{
    [Fact]
    public async Task Mp3_DecodesTo16kMonoWithTheWavsDurationAndShape()
    {
        var wavChunks = await RunToEndAsync(new WavFileSource(RepoPaths.Media("espeak-hello.wav"), new AudioFileOptions(MediaOriginMicros: 0), new ManualClock()));
        var mp3Chunks = await RunToEndAsync(new AudioFileSource(RepoPaths.Media("espeak-hello.mp3"), new AudioFileOptions("mp3", MediaOriginMicros: 2_000_000), new ManualClock()));
        try
        {
            Assert.All(mp3Chunks, c => Assert.Equal((16_000, 1, "mp3"), (c.SampleRateHz, c.Channels, c.StreamId)));
            Assert.Equal(2_000_000, mp3Chunks[0].StartMicros);
            AssertContiguous(mp3Chunks);
            long wavFrames = wavChunks.Sum(c => (long)c.FrameCount);
            long mp3Frames = mp3Chunks.Sum(c => (long)c.FrameCount);
            // MP3 adds encoder delay and padding: at most a couple of 1152-sample frames at 22.05 kHz (~0.1 s).
            Assert.InRange(mp3Frames - wavFrames, -1_600, 3_200);
            double r = BestCorrelation(Concat(wavChunks), Concat(mp3Chunks), maxLag: 2_000);
            Assert.True(r > 0.8, $"correlation of mp3 and wav decodes is {r:0.000}");
        }
        finally
        {
            wavChunks.Concat(mp3Chunks).ToList().ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task Wav_ThroughFfmpeg_MatchesExactSampleCount()
    {
        var chunks = await RunToEndAsync(new AudioFileSource(RepoPaths.Media("goforward.wav"), new AudioFileOptions(MediaOriginMicros: 0), new ManualClock()));
        try
        {
            Assert.Equal(44_580, chunks.Sum(c => c.FrameCount));
            Assert.Equal(2_786_250, chunks[^1].EndMicros);
        }
        finally
        {
            chunks.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task CorruptFile_FailsNamingTheFileWithFfmpegsReason()
    {
        string path = RepoPaths.Media("corrupt.mp4");
        var e = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(new AudioFileSource(path, new AudioFileOptions(), new ManualClock())));
        Assert.Contains(path, e.Message);
        Assert.Contains("ffmpeg could not decode", e.Message);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task VideoWithoutAudio_Fails()
    {
        string path = RepoPaths.Media("megamind-gop25.mp4");
        var e = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(new AudioFileSource(path, new AudioFileOptions(), new ManualClock())));
        Assert.Contains(path, e.Message);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task MissingFileOrFfmpeg_FailClearly()
    {
        var missing = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(new AudioFileSource("/nope/talk.mp3", new AudioFileOptions(), new ManualClock())));
        Assert.Contains("/nope/talk.mp3", missing.Message);
        var noFfmpeg = await Assert.ThrowsAsync<SourceException>(() => RunToEndAsync(
            new AudioFileSource(RepoPaths.Media("espeak-hello.mp3"), new AudioFileOptions(), new ManualClock(), ffmpegPath: "/nope/ffmpeg")));
        Assert.Contains("/nope/ffmpeg", noFfmpeg.Message);
        Assert.False(noFfmpeg.IsTransient);
    }
}
