using System.Runtime.InteropServices;
using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.TestSupport;
using MultimodalFusion.Training.Models.Backbones;
using MultimodalFusion.Training.Onnx.Backbones;
using OpenCvSharp;
using TorchSharp;

namespace MultimodalFusion.Training.Tests.Backbones;

/// <summary>
/// What the trainer exports, the runtime runs: each backbone loads through Inference's <see cref="ModelLoader"/> (hash,
/// manifest and graph agree) and its real extractor (ImageExtractor, ClipExtractor, AudioEncoder) gives TorchSharp's
/// numbers on the same prepared input, built from real media, within 1e-4.
/// </summary>
public sealed class BackboneRuntimeContractTests : IDisposable
{
    private const double Tolerance = 1e-4;
    private readonly string _directory = RepoPaths.NewTempDir("mmf-backbone-contract");
    private readonly List<VideoFrame> _frames = [];

    public void Dispose()
    {
        foreach (var frame in _frames)
            frame.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ImageBackboneRunsThroughTheRuntimeImageExtractor()
    {
        torch.manual_seed(31);
        using var model = BackboneTestKit.SmallImage();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        string path = BackboneOnnxExporter.Export(model, new BackboneExportOptions { Name = "image-small", Mean = [0.45f, 0.45f, 0.45f], Std = [0.25f, 0.25f, 0.25f] }, _directory);

        using var loaded = new ModelLoader().Load(path);
        Assert.Equal("image", loaded.Manifest.Role);
        var normalization = ImageNormalization.FromManifest(loaded.Manifest.Preprocessing!, loaded.Manifest.Name);
        Assert.Equal(32, normalization.Width);
        Assert.Equal(0.25f, normalization.Std[1]);
        using var extractor = new ImageExtractor(loaded.Session, normalization);
        Assert.Equal(model.FeatureSize, extractor.FeatureLength);

        VideoFrame frame = Track(Load("astronaut.png"));
        float[] runtime = extractor.Extract(frame).ToArray();
        var planes = new float[normalization.SampleLength];
        new ImagePreprocessor(normalization).Write(frame, planes);
        float[] expected = BackboneTestKit.TorchForward(model, planes, model.InputShape(1));
        AssertClose(expected, runtime, "image");

        // A different photo gives different features: the comparison is not between constant outputs.
        float[] other = extractor.Extract(Track(Load("chelsea.png"))).ToArray();
        Assert.True(BackboneTestKit.MaxAbsDiff(runtime, other) > 1e-3, "two photos gave the same features");
    }

    [Fact]
    public void ClipBackboneRunsThroughTheRuntimeClipExtractor()
    {
        torch.manual_seed(32);
        using var model = BackboneTestKit.SmallClip();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.ImageLike(model.InputShape(n)));
        string path = BackboneOnnxExporter.Export(model, new BackboneExportOptions { Name = "clip-small" }, _directory);

        using var loaded = new ModelLoader().Load(path);
        Assert.Equal("clip", loaded.Manifest.Role);
        Assert.Equal(TimeSpan.FromSeconds(2), loaded.Manifest.Window!.Length);
        var normalization = ImageNormalization.FromManifest(loaded.Manifest.Preprocessing!, loaded.Manifest.Name);
        using var extractor = new ClipExtractor(loaded.Session, normalization);

        List<VideoFrame> frames = Megamind(40, 40_000);   // 1.6 s at 25 fps
        Assert.True(extractor.TryExtract(frames, 0, 1_600_000, out var features));
        float[] runtime = features.ToArray();

        // The same NTCHW tensor, rebuilt from the frames the extractor sampled.
        int sample = normalization.SampleLength;
        var clip = new float[ClipExtractor.DefaultFrameCount * sample];
        var preprocessor = new ImagePreprocessor(normalization);
        int[] picks = extractor.LastSampledIndices.ToArray();
        Assert.Equal(picks.Length, picks.Distinct().Count());   // 40 frames for 16 slots: no repeats
        for (int k = 0; k < picks.Length; k++)
            preprocessor.Write(frames[picks[k]], clip.AsSpan(k * sample, sample));
        float[] expected = BackboneTestKit.TorchForward(model, clip, model.InputShape(1));
        AssertClose(expected, runtime, "clip");
    }

    [Fact]
    public void AudioBackboneRunsThroughTheRuntimeAudioEncoderOnRealSpeech()
    {
        torch.manual_seed(33);
        using var model = BackboneTestKit.SmallAudio();
        BackboneTestKit.Randomise(model, n => BackboneTestKit.LogMelLike(model.InputShape(n, 201)));
        string path = BackboneOnnxExporter.Export(model, new BackboneExportOptions { Name = "audio-small" }, _directory);

        using var loaded = new ModelLoader().Load(path);
        var manifest = loaded.Manifest;
        Assert.Equal("audio", manifest.Role);
        Assert.Equal(TimeSpan.FromSeconds(4), manifest.Window!.Length);
        Assert.Equal(TimeSpan.FromSeconds(2), manifest.Window.Hop);
        var options = manifest.Preprocessing!.ToLogMelOptions(manifest.Name);
        Assert.Equal((16_000, 128, 400, 160), (options.SampleRateHz, options.MelBins, options.WindowLength, options.HopLength));
        using var encoder = new AudioEncoder(loaded.Session, options, manifest.Window.Length);
        Assert.Equal(401, encoder.Frames);

        // "go forward ten meters" (2.8 s of real speech), zero-padded to the 4 s window.
        float[] speech = ReadRawS16(RepoPaths.Media("goforward.raw"));
        var window = new float[encoder.WindowSamples];
        speech.AsSpan(0, Math.Min(speech.Length, window.Length)).CopyTo(window);
        float[] runtime = encoder.Encode(window).ToArray();
        float[] logMel = encoder.LastLogMel.ToArray();
        float[] expected = BackboneTestKit.TorchForward(model, logMel, model.InputShape(1, encoder.Frames));
        AssertClose(expected, runtime, "audio");
    }

    [Fact]
    public void AManifestThatDisagreesWithTheGraphIsRejectedNamingTheField()
    {
        torch.manual_seed(34);
        using var model = BackboneTestKit.SmallAudio();
        string path = BackboneOnnxExporter.Export(model, new BackboneExportOptions { Name = "audio-edited" }, _directory);
        string manifestPath = Path.ChangeExtension(path, ".json");
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace("\"logmel\"", "\"mels\""));
        var error = Assert.Throws<ModelLoadException>(() => new ModelLoader().Load(path));
        Assert.Contains("inputs[0].name", error.Message);
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(BackboneTestKit.MaxAbs(expected) > 0.1, $"{what}: outputs too small to compare");
        double diff = BackboneTestKit.MaxAbsDiff(expected, actual);
        Assert.True(diff <= Tolerance, $"{what}: runtime extractor vs TorchSharp max abs diff {diff:E2} > {Tolerance:E0}");
    }

    private VideoFrame Track(VideoFrame frame)
    {
        _frames.Add(frame);
        return frame;
    }

    /// <summary>A real photo from .media/ as a BGR frame (owned by this test class).</summary>
    private static VideoFrame Load(string name, long micros = 0)
    {
        string path = RepoPaths.Media(name);
        using var mat = Cv2.ImRead(path, ImreadModes.Color);
        Assert.False(mat.Empty(), $"{path}: OpenCV could not read the image.");
        return FromMat(mat, name, 0, micros);
    }

    private static VideoFrame FromMat(Mat bgr, string streamId, long sequence, long micros)
    {
        int bytes = bgr.Width * bgr.Height * 3;
        var buffer = BufferPool<byte>.Shared.Rent(bytes);
        using var continuous = bgr.Clone();
        Marshal.Copy(continuous.Data, buffer.Array, 0, bytes);
        return new VideoFrame(buffer, bgr.Width, bgr.Height, PixelFormat.Bgr24, streamId, sequence, micros, null);
    }

    /// <summary>The first <paramref name="count"/> frames of Megamind.avi, stamped every <paramref name="stepMicros"/>.</summary>
    private List<VideoFrame> Megamind(int count, long stepMicros)
    {
        string path = RepoPaths.Media("Megamind.avi");
        using var capture = new VideoCapture(path);
        Assert.True(capture.IsOpened(), $"{path}: OpenCV could not open the video.");
        using var mat = new Mat();
        var frames = new List<VideoFrame>();
        for (int i = 0; i < count; i++)
        {
            Assert.True(capture.Read(mat) && !mat.Empty(), $"{path}: frame {i} could not be read.");
            frames.Add(Track(FromMat(mat, "megamind", i, i * stepMicros)));
        }
        return frames;
    }

    private static float[] ReadRawS16(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var samples = new float[bytes.Length / 2];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = BitConverter.ToInt16(bytes, 2 * i) / 32768f;
        return samples;
    }
}
