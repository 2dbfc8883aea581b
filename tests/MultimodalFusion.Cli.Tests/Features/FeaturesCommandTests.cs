using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using NAudio.Wave;

namespace MultimodalFusion.Cli.Tests.Features;

public sealed class FeaturesCommandTests(SynthDatasetFixture data) : IClassFixture<SynthDatasetFixture>
{
    private const int Frames = SynthDatasetFixture.FramesPerVideo;

    [Fact]
    public async Task Emotion_cache_lists_every_video_with_a_row_per_frame_clip_window_audio_window_and_cue()
    {
        var (cacheDir, exit, _, error) = await data.EmotionCacheAsync();
        Assert.True(exit == 0, error);
        var cache = FeatureCache.Open(cacheDir);
        Assert.Equal(FeatureCacheTask.VaExpr, cache.Manifest.Task);
        Assert.Equal(["video", "clip", "audio", "text"], cache.Manifest.Modalities.Select(m => m.Name));
        Assert.Equal([8, 6, 5, 384], cache.Manifest.Modalities.Select(m => m.FeatureSize));
        Assert.Equal(4, cache.Manifest.Extractors.Count);
        Assert.Equal(ModelLoader.Sha256Of(Path.Combine(data.Models, "image.onnx")), cache.Manifest.Extractors.Single(e => e.Modality == "video").Sha256);

        var layout = new AffWild2Layout(data.Emotion);
        var entries = Entries(layout);
        Assert.Equal(SynthDatasetFixture.EmotionVideos, entries.Count);
        Assert.Equal(entries.Select(e => (e.Split, e.Name.Name)).Order(), cache.Videos.Select(v => (v.Split, v.Id)).Order());
        foreach (AffWild2Entry entry in entries)
        {
            CacheVideoEntry cached = cache.Videos.Single(v => v.Id == entry.Name.Name);
            Assert.Equal(Frames, cached.FrameCount);
            Assert.Equal(Frames, cached.Rows["video"]);                  // one per cropped-aligned face image
            Assert.Equal(8, cached.Rows["clip"]);                        // a clip every 0.5 s of 4 s
            Assert.Equal(AudioWindows(layout.AudioPath(entry.Name.VideoName)), cached.Rows["audio"]);
            Assert.Equal(CueStarts(layout.TranscriptPath(entry.Name.VideoName)).Count, cached.Rows["text"]);
            Assert.True(cached.Rows["text"] > 0);

            CachedVideo video = cache.Load(cached);
            Assert.Equal(CacheLabels.FrameTimestamps(Frames, SynthDatasetFixture.Fps), video.FrameTimestampsMicros);
            Assert.Equal(CacheLabels.FrameTimestamps(Frames, SynthDatasetFixture.Fps), video.Features["video"].TimestampsMicros);
            // Clip spans [max(0, e - 2 s), e) for e = 0.5 s ... 4 s, stamped at their centres.
            Assert.Equal([250_000, 500_000, 750_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000, 3_000_000], video.Features["clip"].TimestampsMicros);
            // Audio windows of 1 s every 0.5 s from sample 0, stamped at their centres.
            Assert.Equal(Enumerable.Range(0, cached.Rows["audio"]).Select(k => 500_000L + k * 500_000L), video.Features["audio"].TimestampsMicros);
            Assert.Equal(CueStarts(layout.TranscriptPath(entry.Name.VideoName)), video.Features["text"].TimestampsMicros);
        }
    }

    [Fact]
    public async Task Cached_rows_equal_what_the_runtime_extractors_return_for_the_same_frames_and_text()
    {
        var (cacheDir, exit, _, error) = await data.EmotionCacheAsync();
        Assert.True(exit == 0, error);
        var layout = new AffWild2Layout(data.Emotion);
        AffWild2Entry entry = Entries(layout)[0];
        CachedVideo video = FeatureCache.Open(cacheDir).Load(entry.Split, entry.Name.Name);
        var loader = new ModelLoader();

        using (LoadedModel image = loader.Load(Path.Combine(data.Models, "image.onnx")))
        using (var extractor = new ImageExtractor(image.Session, ImageNormalization.FromManifest(image.Manifest.Preprocessing!, "image")))
        {
            using VideoFrame face = TestFrames.FromImage(Path.Combine(layout.FramesDirectory(entry.Name), "00013.jpg"), 1_200_000);
            float[] expected = extractor.Extract(face).ToArray();
            Assert.Equal(expected, video.Features["video"].Row(12).ToArray());
            Assert.NotEqual(expected, video.Features["video"].Row(0).ToArray());   // the rows differ from frame to frame
        }

        using (LoadedModel clip = loader.Load(Path.Combine(data.Models, "clip.onnx")))
        using (var extractor = new ClipExtractor(clip.Session, ImageNormalization.FromManifest(clip.Manifest.Preprocessing!, "clip")))
        {
            List<VideoFrame> frames = TestFrames.FromVideo(entry.VideoPath!, SynthDatasetFixture.Fps);
            try
            {
                Assert.Equal(Frames, frames.Count);
                Assert.True(extractor.TryExtract(frames, 500_000, 2_500_000, out ReadOnlySpan<float> features));
                Assert.Equal(features.ToArray(), video.Features["clip"].Row(4).ToArray());   // the clip ending at 2.5 s
            }
            finally
            {
                frames.ForEach(f => f.Dispose());
            }
        }

        string text = CueTexts(layout.TranscriptPath(entry.Name.VideoName))[0];
        var packaged = Inference.Text.MiniLmResources.ExtractTo(data.NewDir("minilm"));
        using LoadedModel minilm = loader.Load(packaged);
        using var vocab = File.OpenRead(Path.Combine(Path.GetDirectoryName(packaged)!, Inference.Text.MiniLmTextEncoder.VocabFileName));
        float[] embedding = new Inference.Text.MiniLmTextEncoder(minilm.Session, vocab).Encode(text);
        float[] row = video.Features["text"].Row(0).ToArray();
        for (int i = 0; i < embedding.Length; i++)
            Assert.Equal(embedding[i], row[i], 5);
    }

    [Fact]
    public async Task Audio_rows_equal_the_runtime_encoder_on_the_same_samples()
    {
        var (cacheDir, exit, _, error) = await data.EmotionCacheAsync();
        Assert.True(exit == 0, error);
        var layout = new AffWild2Layout(data.Emotion);
        AffWild2Entry entry = Entries(layout)[0];
        CachedVideo video = FeatureCache.Open(cacheDir).Load(entry.Split, entry.Name.Name);
        using LoadedModel audio = new ModelLoader().Load(Path.Combine(data.Models, "audio.onnx"));
        using var encoder = new Inference.Stages.AudioEncoder(audio.Session,
            Inference.Stages.LogMelPreprocessing.ToLogMelOptions(audio.Manifest.Preprocessing!, "audio"), TestExtractorModels.AudioWindow);
        using var reader = new WaveFileReader(layout.AudioPath(entry.Name.VideoName));
        var samples = new float[3 * 8_000];   // windows 0 and 1: [0, 1 s) and [0.5 s, 1.5 s)
        Assert.Equal(samples.Length, reader.ToSampleProvider().Read(samples.AsSpan()));
        for (int k = 0; k < 2; k++)
        {
            float[] expected = encoder.Encode(samples.AsSpan(k * 8_000, 16_000)).ToArray();
            float[] row = video.Features["audio"].Row(k).ToArray();
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], row[i], 5);
        }
        Assert.NotEqual(video.Features["audio"].Row(0).ToArray(), video.Features["audio"].Row(1).ToArray());
    }

    [Fact]
    public async Task Without_cropped_aligned_faces_the_runtime_face_crop_of_each_video_frame_is_cached()
    {
        // Full-size frames (160x160) so that the face detector has a face of a realistic size to find.
        string copy = data.NewDir("no-crops");
        new Synthesis.SynthGenerator().Generate(new Synthesis.SynthOptions
        {
            Task = Synthesis.SynthTask.Emotion, OutputDirectory = copy, Videos = 1, Duration = TimeSpan.FromSeconds(4), Fps = SynthDatasetFixture.Fps, Seed = 11,
        });
        Directory.Delete(Path.Combine(copy, "cropped_aligned"), recursive: true);
        string cacheDir = Path.Combine(copy, "cache");
        var (exit, _, error) = await SynthDatasetFixture.RunAsync("--data", copy, "--models", data.Models, "--out", cacheDir);
        Assert.True(exit == 0, error);

        var layout = new AffWild2Layout(copy);
        AffWild2Entry entry = Entries(layout)[0];
        CachedVideo video = FeatureCache.Open(cacheDir).Load(entry.Split, entry.Name.Name);
        using LoadedModel image = new ModelLoader().Load(Path.Combine(data.Models, "image.onnx"));
        using var extractor = new ImageExtractor(image.Session, ImageNormalization.FromManifest(image.Manifest.Preprocessing!, "image"));
        using var detector = new Inference.Face.HaarFaceDetector();
        var cropper = new Inference.Face.FaceCropper(detector, 0.2f);
        var expectedTimes = new List<long>();
        var expectedRows = new List<float[]>();
        List<VideoFrame> frames = TestFrames.FromVideo(entry.VideoPath!, SynthDatasetFixture.Fps);
        try
        {
            foreach (VideoFrame frame in frames)
            {
                if (cropper.Crop(frame) is not { } crop)
                    continue;
                expectedTimes.Add(frame.StartMicros);
                expectedRows.Add(extractor.Extract(frame, crop).ToArray());
            }
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
        // Frames where the detector finds no face give no row, exactly as the runtime's image stage drops them.
        Assert.NotEmpty(expectedTimes);
        Assert.Equal(expectedTimes, video.Features["video"].TimestampsMicros);
        for (int r = 0; r < expectedRows.Count; r++)
            Assert.Equal(expectedRows[r], video.Features["video"].Row(r).ToArray());
        Assert.Equal(Frames, video.FrameCount);   // labels still cover every annotated frame
    }

    [Fact]
    public async Task Labels_match_the_annotation_files()
    {
        var (cacheDir, exit, _, error) = await data.EmotionCacheAsync();
        Assert.True(exit == 0, error);
        var cache = FeatureCache.Open(cacheDir);
        foreach (AffWild2Entry entry in Entries(new AffWild2Layout(data.Emotion)))
        {
            CachedVideo video = cache.Load(entry.Split, entry.Name.Name);
            VaAnnotation va = VaFile.Read(entry.AnnotationPath);
            ExprAnnotation expr = ExprFile.Read(new AffWild2Layout(data.Emotion).AnnotationPath(AffWild2Challenge.EXPR, entry.Split, entry.Name));
            for (int i = 0; i < Frames; i++)
            {
                Assert.Equal(va.IsLabelled(i) ? va.Valence[i] : float.NaN, video.Va![2 * i]);
                Assert.Equal(va.IsLabelled(i) ? va.Arousal[i] : float.NaN, video.Va![2 * i + 1]);
            }
            Assert.Equal(expr.Labels, video.Expr);
            Assert.Contains(video.Expr!, c => c > 0);   // the synthetic faces show more than one expression
        }
    }

    [Fact]
    public async Task Rerun_skips_the_finished_videos()
    {
        var (cacheDir, exit, _, error) = await data.EmotionCacheAsync();
        Assert.True(exit == 0, error);
        string before = File.ReadAllText(Path.Combine(cacheDir, FeatureCacheManifest.FileName));
        var (again, output, againError) = await SynthDatasetFixture.RunAsync("--data", data.Emotion, "--models", data.Models, "--out", cacheDir);
        Assert.True(again == 0, againError);
        Assert.Contains("0 videos written, 3 already cached, 0 failed", output);
        Assert.Equal(before, File.ReadAllText(Path.Combine(cacheDir, FeatureCacheManifest.FileName)));
    }

    [Fact]
    public async Task A_corrupt_wav_is_named_in_the_error_and_the_other_videos_are_still_cached()
    {
        string copy = data.NewDir("corrupt");
        SynthDatasetFixture.CopyDirectory(data.Emotion, copy);
        var layout = new AffWild2Layout(copy);
        AffWild2Entry victim = Entries(layout)[1];
        string wav = layout.AudioPath(victim.Name.VideoName);
        File.WriteAllBytes(wav, "RIFF\u0010\0\0\0WAVEjunk that is not a fmt chunk"u8.ToArray());
        string cacheDir = Path.Combine(copy, "cache");

        var (exit, output, error) = await SynthDatasetFixture.RunAsync("--data", copy, "--models", data.Models, "--out", cacheDir);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains(wav, error);
        Assert.Contains($"{victim.Split}/{victim.Name.Name} failed", error);
        Assert.Contains("2 videos written, 0 already cached, 1 failed", output);
        var cache = FeatureCache.Open(cacheDir);
        Assert.Equal(2, cache.Videos.Count);
        Assert.DoesNotContain(cache.Videos, v => v.Id == victim.Name.Name);
    }

    [Fact]
    public async Task A_dvd_dataset_is_detected_and_cached_with_whole_frame_features_and_violence_labels()
    {
        string cacheDir = Path.Combine(data.NewDir("violence-cache"), "cache");
        var (exit, _, error) = await SynthDatasetFixture.RunAsync("--data", data.Violence, "--models", data.Models, "--out", cacheDir, "--splits", "train");
        Assert.True(exit == 0, error);
        var cache = FeatureCache.Open(cacheDir);
        Assert.Equal(FeatureCacheTask.Violence, cache.Manifest.Task);
        CacheVideoEntry entry = Assert.Single(cache.Videos);
        var dvd = new DvdLayout(data.Violence);
        DvdLabels labels = DvdLabelFile.Read(dvd.LabelPath("train", entry.Id));
        CachedVideo video = cache.Load(entry);
        Assert.Equal(Frames, video.FrameCount);
        Assert.Equal(labels.ToDense(Frames), video.Violence);
        Assert.Contains(video.Violence!, v => v == 1);
        Assert.Contains(video.Violence!, v => v == 0);
        Assert.Equal(Frames, entry.Rows["video"]);
        Assert.Equal(8, entry.Rows["clip"]);

        using LoadedModel image = new ModelLoader().Load(Path.Combine(data.Models, "image.onnx"));
        using var extractor = new ImageExtractor(image.Session, ImageNormalization.FromManifest(image.Manifest.Preprocessing!, "image"));
        using VideoFrame frame = TestFrames.FromImage(Path.Combine(dvd.FramesDirectory("train", entry.Id), "00031.jpg"), 3_000_000);
        Assert.Equal(extractor.Extract(frame).ToArray(), video.Features["video"].Row(30).ToArray());
    }

    [Fact]
    public async Task A_missing_model_folder_is_bad_usage_naming_the_folder()
    {
        string missing = Path.Combine(data.Root, "no-such-models");
        var (exit, _, error) = await SynthDatasetFixture.RunAsync("--data", data.Emotion, "--models", missing, "--out", data.NewDir("unused"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(missing, error);
    }

    [Fact]
    public async Task A_model_folder_without_an_image_model_fails_naming_the_folder()
    {
        string models = TestExtractorModels.Save(data.NewDir("models"), clip: false, audio: false);
        File.Delete(Path.Combine(models, "image.onnx"));
        var (exit, _, error) = await SynthDatasetFixture.RunAsync("--data", data.Emotion, "--models", models, "--out", data.NewDir("unused"));
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no image extractor", error);
        Assert.Contains(models, error);
    }

    private static List<AffWild2Entry> Entries(AffWild2Layout layout) =>
        DatasetSplits(layout).SelectMany(s => layout.Entries(AffWild2Challenge.VA, s)).ToList();

    private static IEnumerable<string> DatasetSplits(AffWild2Layout layout) =>
        new[] { AffWild2Splits.Train, AffWild2Splits.Validation }.Where(s => layout.FindSplitDirectory(AffWild2Challenge.VA, s) is not null);

    // 1 s windows every 0.5 s over the WAV's samples (16 kHz mono as synthesised).
    private static int AudioWindows(string wav)
    {
        using var reader = new WaveFileReader(wav);
        Assert.Equal(16_000, reader.WaveFormat.SampleRate);
        long samples = reader.SampleCount;
        return samples < 16_000 ? 0 : (int)(1 + (samples - 16_000) / 8_000);
    }

    private static List<long> CueStarts(string srt) => SrtParser.ParseFile(srt)
        .Where(c => c.IsFinal && !string.IsNullOrWhiteSpace(c.Text))
        .Select(c => c.Start.Ticks / TimeSpan.TicksPerMicrosecond).Distinct().Order().ToList();

    private static List<string> CueTexts(string srt) => SrtParser.ParseFile(srt)
        .Where(c => c.IsFinal && !string.IsNullOrWhiteSpace(c.Text)).OrderBy(c => c.Start).Select(c => c.Text.Trim()).ToList();
}
