using MultimodalFusion.Capture.Text;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Synthesis.Emotion;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Tests.Support;
using MultimodalFusion.Synthesis.Violence;
using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>The written files parse with the project's real readers and agree with the manifest.</summary>
[Collection(SynthDataCollection.Name)]
public sealed class FormatTests(SynthDataFixture data)
{
    [Fact]
    public void EmotionDataReadsAsAffWild2()
    {
        var layout = new AffWild2Layout(data.Emotion.OutputDirectory);
        var manifest = SynthManifest.Read(Path.Combine(layout.Root, SynthManifest.FileName));
        Assert.Equal(data.EmotionManifest.Counts, manifest.Counts with { SegmentsPerLabel = data.EmotionManifest.Counts.SegmentsPerLabel, FramesPerLabel = data.EmotionManifest.Counts.FramesPerLabel });
        Assert.Equal((3, 1), (manifest.Counts.Train, manifest.Counts.Validation));
        int seen = 0;
        foreach (string split in new[] { AffWild2Splits.Train, AffWild2Splits.Validation })
        {
            var va = layout.Entries(AffWild2Challenge.VA, split);
            var expr = layout.Entries(AffWild2Challenge.EXPR, split);
            Assert.Equal(va.Select(e => e.Name.Name), expr.Select(e => e.Name.Name));
            foreach (var entry in va)
            {
                var video = manifest.Videos.Single(v => v.Name == entry.Name.Name);
                Assert.Equal(split, video.Split);
                Assert.NotNull(entry.VideoPath);
                var values = VaFile.Read(entry.AnnotationPath);
                var labels = ExprFile.Read(layout.AnnotationPath(AffWild2Challenge.EXPR, split, entry.Name));
                var frames = FrameFolder.Scan(entry.FramesDirectory);
                Assert.Equal(200, values.FrameCount);
                Assert.Equal(200, labels.FrameCount);
                Assert.Empty(frames.MissingUpTo(200));
                Assert.Equal(200, frames.LastFrameNumber);
                Assert.Equal(200, values.LabelledCount);
                foreach (var segment in video.Segments)
                {
                    int expected = (int)Enum.Parse<ExpressionClass>(segment.Label);
                    for (int n = segment.FirstFrame; n < segment.FirstFrame + segment.Frames; n++)
                        Assert.Equal(expected, labels.Labels[n - 1]);
                    double mean = Enumerable.Range(segment.FirstFrame - 1, segment.Frames).Average(i => values.Valence[i]);
                    Assert.InRange(mean, segment.Valence!.Value - 0.05, segment.Valence.Value + 0.05);
                }
                using var crop = Cv2.ImRead(frames.PathOf(1));
                Assert.Equal((112, 112), (crop.Width, crop.Height));
                using var capture = new VideoCapture(entry.VideoPath!);
                Assert.True(capture.IsOpened());
                Assert.Equal((160, 160), (capture.FrameWidth, capture.FrameHeight));
                Assert.Equal(200, capture.FrameCount);
                seen++;
            }
        }
        Assert.Equal(4, seen);
    }

    [Fact]
    public void EmotionTranscriptsAndAudioMatchTheSegments()
    {
        var layout = new AffWild2Layout(data.Emotion.OutputDirectory);
        foreach (var video in data.EmotionManifest.Videos)
        {
            using var reader = new StreamReader(layout.TranscriptPath(video.Name));
            var cues = SrtParser.Parse(reader, video.Transcript);
            Assert.Equal(video.Segments.Count, cues.Count);
            for (int i = 0; i < cues.Count; i++)
            {
                var s = video.Segments[i];
                Assert.Equal(s.Sentence, cues[i].Text);
                Assert.True(cues[i].Start.TotalSeconds >= s.Start && cues[i].End.TotalSeconds <= s.End + 1e-3,
                    $"{video.Name} cue {i + 1} [{cues[i].Start}, {cues[i].End}) lies outside its segment [{s.Start}, {s.End})");
                Assert.True(cues[i].End - cues[i].Start > TimeSpan.FromSeconds(0.5));
            }
            var (samples, rate) = AudioMeasure.Read(layout.AudioPath(video.Name));
            Assert.Equal(16_000, rate);
            Assert.Equal(20.0, samples.Length / (double)rate, 3);
        }
    }

    [Fact]
    public void ViolenceDataReadsAsDvd()
    {
        var layout = new DvdLayout(data.Violence.OutputDirectory);
        Assert.Equal(["train", "val"], layout.Splits());
        int seen = 0;
        foreach (string split in layout.Splits())
        {
            foreach (var entry in layout.Entries(split))
            {
                var video = data.ViolenceManifest.Videos.Single(v => v.Name == entry.VideoName);
                Assert.Equal(split, video.Split);
                var labels = DvdLabelFile.Read(entry.LabelPath);
                Assert.Equal(300, labels.Count);
                var dense = labels.ToDense(300);
                foreach (var segment in video.Segments)
                    for (int n = segment.FirstFrame; n < segment.FirstFrame + segment.Frames; n++)
                        Assert.Equal(segment.Label == "violent" ? 1 : 0, dense[n - 1]);
                Assert.Contains(1, dense);
                Assert.Contains(0, dense);
                Assert.True(entry.HasFrames);
                Assert.Empty(Datasets.AffWild2.FrameFolder.Scan(entry.FramesDirectory).MissingUpTo(300));
                Assert.True(File.Exists(layout.VideoPath(split, entry.VideoName)));
                using var reader = new StreamReader(layout.TranscriptPath(split, entry.VideoName));
                var cues = SrtParser.Parse(reader, video.Transcript);
                Assert.Equal(video.Segments.Count(s => s.Sentence is not null), cues.Count);
                var (samples, rate) = AudioMeasure.Read(layout.AudioPath(split, entry.VideoName));
                Assert.Equal(30 * 16_000, samples.Length);
                seen++;
            }
        }
        Assert.Equal(3, seen);
    }
}
