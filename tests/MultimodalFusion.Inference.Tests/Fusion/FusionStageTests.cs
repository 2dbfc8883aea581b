using System.Threading.Channels;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Inference.Tests.Stages;
using MultimodalFusion.Pipeline.Alignment;
using MultimodalFusion.Pipeline.Metrics;
using MultimodalFusion.Pipeline.Stages;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Fusion;

public sealed class FusionStageTests : IDisposable
{
    private const int VideoSteps = 11, AudioSteps = 5;   // 1 s windows: 10 frames at 10 fps, 4 audio rows of 250 ms, one spare each
    private const int VideoDims = 8, AudioDims = 4;
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_window = TimeSpan.FromSeconds(1);
    private readonly string _dir = RepoPaths.NewTempDir("mmf-fusion-stage");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>One stream's pieces: its extractors, runner, stage and the windows fed to it.</summary>
    private sealed class StreamRig(ModelSession image, ModelSession audio, LoadedModel fusion, string name) : IDisposable
    {
        public readonly ImageExtractor Images = new(image, new ImageNormalization { Width = 64, Height = 64 });
        public readonly AudioEncoder Audio = new(audio, new LogMelOptions(), s_window / 4);
        public readonly FusionRunner Runner = new(fusion, new Dictionary<string, int> { ["video"] = VideoSteps, ["audio"] = AudioSteps }, 1);
        public readonly Channel<AlignedWindow> Input = Channel.CreateUnbounded<AlignedWindow>();
        public readonly Channel<FusionPrediction> Output = Channel.CreateUnbounded<FusionPrediction>();
        public FusionStage? Stage;
        public string Name => name;

        public FusionStage Build()
        {
            IWindowFeatures[] features =
            [
                new VideoWindowFeatures(Images, "video", "video_mask"),
                new AudioWindowFeatures(Audio, s_window / 4, "audio", "audio_mask"),
            ];
            return Stage = new FusionStage(name, Input.Reader, Output.Writer, new StageMetrics(name, MonotonicClock.Instance), Runner, features, VideoSteps);
        }

        public void Dispose()
        {
            Runner.Dispose();
            Audio.Dispose();
            Images.Dispose();
        }
    }

    private static VideoFrame Frame(string image, string stream, long sequence, long micros)
    {
        using var loaded = TestImages.Load(image);
        var copy = Core.Buffers.BufferPool<byte>.Shared.Rent(loaded.Span.Length);
        loaded.Span.CopyTo(copy.Span);
        return new VideoFrame(copy, loaded.Width, loaded.Height, loaded.Format, stream, sequence, micros, null);
    }

    /// <summary>2.5 s of 10 fps photos and the given audio through a real aligner; returns the flushed windows.</summary>
    private static List<AlignedWindow> Windows(string stream, float[] audio, int rate, int channels)
    {
        using var aligner = new WindowAligner(new AlignerOptions { Window = s_window, Hop = TimeSpan.FromMilliseconds(500) }, new ManualClock());
        int chunk = rate / 10;
        for (int k = 0; k < 25; k++)
        {
            aligner.Add(Frame(k % 2 == 0 ? "astronaut.png" : "chelsea.png", stream + "-cam", k, k * 100_000L));
            aligner.Add(TestAudio.Chunk(audio, k * chunk, chunk, k, 0, rate, stream + "-mic", channels));
        }
        aligner.Flush();
        var windows = new List<AlignedWindow>();
        while (aligner.TryDequeue(out var w))
            windows.Add(w);
        return windows;
    }

    [Fact]
    public async Task A_faulting_stream_stops_alone_while_the_other_stream_predicts_every_window_correctly()
    {
        string modelPath = TestFusionGraph.Save(_dir, [("video", VideoDims), ("audio", AudioDims)], axisPerStream: true);
        var factory = new OnnxSessionFactory();
        using var image = factory.Create(TestGraphs.ImageExtractor(_dir, 64, features: VideoDims));
        using var audio = factory.Create(TestAudio.MeanPoolEncoder(_dir, 128, AudioDims, out _));
        using var fusion = new ModelLoader().Load(modelPath);
        using var good = new StreamRig(image, audio, fusion, "fusion-a");
        using var bad = new StreamRig(image, audio, fusion, "fusion-b");

        float[] speech = TestWav.Read16(RepoPaths.Media("goforward.wav"), out int rate, out int channels);
        float[] speech44 = TestWav.Read16(RepoPaths.Media("goforward-44k-stereo.wav"), out int rate44, out int channels44);
        Assert.Equal((16_000, 1, 44_100, 2), (rate, channels, rate44, channels44));
        List<AlignedWindow> goodWindows = Windows("a", speech, rate, channels);
        List<AlignedWindow> badWindows = Windows("b", speech44, rate44, channels44);   // the 16 kHz encoder cannot take it
        Assert.True(goodWindows.Count >= 4, $"{goodWindows.Count} windows");

        // The reference for window 1 ([0.5 s, 1.5 s)), computed before the stage disposes the window: its 10 frames in
        // steps 0..9, and the 4 audio rows (250 ms every 250 ms from sample 0) whose centres 0.625..1.375 s lie inside it.
        AlignedWindow probe = goodWindows[1];
        var videoX = new float[VideoSteps * VideoDims];
        var videoMask = new bool[VideoSteps];
        Assert.Equal(10, probe.Video.Count);
        for (int i = 0; i < probe.Video.Count; i++)
        {
            good.Images.Extract(probe.Video[i]).CopyTo(videoX.AsSpan(i * VideoDims));
            videoMask[i] = true;
        }
        var audioX = new float[AudioSteps * AudioDims];
        for (int i = 0; i < 4; i++)
            good.Audio.Encode(speech.AsSpan(8_000 + i * 4_000, 4_000)).CopyTo(audioX.AsSpan(i * AudioDims));
        double[] expected = TestFusionGraph.Reference([(videoX, videoMask, VideoDims), (audioX, [true, true, true, true, false], AudioDims)], VideoSteps);

        Task goodRun = good.Build().Start();
        Task badRun = bad.Build().Start();
        foreach (var w in badWindows)
            await bad.Input.Writer.WriteAsync(w);
        bad.Input.Writer.Complete();
        await Record.ExceptionAsync(() => badRun.WaitAsync(s_deadline));
        Assert.Equal(StageState.Faulted, bad.Stage!.State);
        Assert.Contains("b-mic", bad.Stage.Error!.Message);
        Assert.Contains("44100 Hz", bad.Stage.Error.Message);
        foreach (var w in badWindows)
            w.Dispose();   // idempotent: the ones the faulted stage never read

        // The other stream keeps going after its neighbour failed.
        foreach (var w in goodWindows)
            await good.Input.Writer.WriteAsync(w);
        good.Input.Writer.Complete();
        await goodRun.WaitAsync(s_deadline);
        Assert.Equal(StageState.Completed, good.Stage!.State);

        var predictions = good.Output.Reader.ReadAllAsync().ToBlockingEnumerable().ToList();
        Assert.Equal(goodWindows.Select(w => w.Index), predictions.Select(p => p.WindowIndex));
        foreach (var p in predictions)
        {
            Assert.Equal("fusion-a", p.Stream);
            Assert.Equal(1f, p.Outputs["expr"].Sum(), 1e-4f);
            Assert.Contains(p.TopLabel, TestFusionGraph.Labels);
        }
        FusionPrediction second = predictions[1];
        Assert.Equal((500_000L, 1_500_000L, ModalityMask.Video | ModalityMask.Audio), (second.StartMicros, second.EndMicros, second.Present));
        for (int c = 0; c < 3; c++)
            Assert.Equal(expected[c], second.Outputs["expr"][c], 1e-4);
        Assert.Equal(TestFusionGraph.Labels[Array.IndexOf(expected, expected.Max())], second.TopLabel);
    }
}
