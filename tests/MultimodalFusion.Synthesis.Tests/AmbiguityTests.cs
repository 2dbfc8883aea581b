using MultimodalFusion.Synthesis.Emotion;
using MultimodalFusion.Synthesis.Tests.Support;
using MultimodalFusion.Synthesis.Violence;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>The stated share of segments has each modality made uninformative, independently per modality.</summary>
[Collection(SynthDataCollection.Name)]
public sealed class AmbiguityTests(SynthDataFixture data)
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    public void EmotionTimelinesHonourTheFractionPerModalityIndependently(double fraction)
    {
        var segments = Enumerable.Range(0, 400)
            .SelectMany(i => EmotionTimeline.Create(SeedMixer.Create(3, i), TimeSpan.FromSeconds(60), fraction).Segments)
            .Select(s => s.Ambiguity).ToList();
        Assert.True(segments.Count > 5000, $"{segments.Count} segments");
        double video = segments.Count(a => a.Video is not null) / (double)segments.Count;
        double audio = segments.Count(a => a.Audio is not null) / (double)segments.Count;
        double text = segments.Count(a => a.Text is not null) / (double)segments.Count;
        double videoAndAudio = segments.Count(a => a.Video is not null && a.Audio is not null) / (double)segments.Count;
        double all = segments.Count(a => a.Video is not null && a.Audio is not null && a.Text is not null) / (double)segments.Count;
        Assert.InRange(video, fraction - 0.02, fraction + 0.02);
        Assert.InRange(audio, fraction - 0.02, fraction + 0.02);
        Assert.InRange(text, fraction - 0.02, fraction + 0.02);
        Assert.InRange(videoAndAudio, fraction * fraction - 0.015, fraction * fraction + 0.015);
        Assert.InRange(all, fraction * fraction * fraction - 0.01, fraction * fraction * fraction + 0.01);
        // Both ways of hiding each modality are used.
        Assert.Equal(2, segments.Select(a => a.Video).OfType<string>().Distinct().Count());
        Assert.Equal(2, segments.Select(a => a.Audio).OfType<string>().Distinct().Count());
    }

    [Fact]
    public void ViolenceTimelinesHonourTheFractionAndAlternateCalmAndFights()
    {
        var timelines = Enumerable.Range(0, 300).Select(i => ViolenceTimeline.Create(SeedMixer.Create(4, i), TimeSpan.FromSeconds(40), 0.25)).ToList();
        foreach (var t in timelines)
        {
            Assert.False(t.Segments[0].Violent);
            Assert.Contains(t.Segments, s => s.Violent);
            for (int i = 1; i < t.Segments.Count; i++)
            {
                Assert.NotEqual(t.Segments[i - 1].Violent, t.Segments[i].Violent);
                Assert.Equal(t.Segments[i - 1].End, t.Segments[i].Start);
            }
            Assert.Equal(TimeSpan.FromSeconds(40), t.Segments[^1].End);
        }
        var segments = timelines.SelectMany(t => t.Segments).ToList();
        foreach (var group in segments.GroupBy(s => s.Violent))
        {
            double video = group.Count(s => s.Ambiguity.Video is not null) / (double)group.Count();
            double audio = group.Count(s => s.Ambiguity.Audio is not null) / (double)group.Count();
            double text = group.Count(s => s.Ambiguity.Text is not null) / (double)group.Count();
            Assert.InRange(video, 0.21, 0.29);
            Assert.InRange(audio, 0.21, 0.29);
            Assert.InRange(text, 0.21, 0.29);
        }
    }

    [Fact]
    public void ManifestCountsMatchItsSegments()
    {
        foreach (var manifest in new[] { data.EmotionManifest, data.ViolenceManifest })
        {
            var segments = manifest.Videos.SelectMany(v => v.Segments).ToList();
            Assert.Equal(segments.Count, manifest.Counts.Segments);
            Assert.Equal(segments.Count(s => s.Ambiguous.Video is not null), manifest.Counts.AmbiguousVideo);
            Assert.Equal(segments.Count(s => s.Ambiguous.Audio is not null), manifest.Counts.AmbiguousAudio);
            Assert.Equal(segments.Count(s => s.Ambiguous.Text is not null), manifest.Counts.AmbiguousText);
            Assert.Equal(manifest.Videos.Sum(v => (long)v.Frames), manifest.Counts.Frames);
            Assert.Equal(manifest.Counts.Frames, manifest.Counts.FramesPerLabel.Values.Sum());
            Assert.All(manifest.Videos, v => Assert.Equal(v.Frames, v.Segments.Sum(s => s.Frames)));
        }
        Assert.Equal(0.25, data.EmotionManifest.Settings.AmbiguousFraction);
        Assert.Equal(11, data.EmotionManifest.Seed);
    }
}
