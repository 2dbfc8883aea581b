using MultimodalFusion.Synthesis.Tests.Support;
using Xunit.Abstractions;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>The violence labels can be read back from each modality of the written files.</summary>
[Collection(SynthDataCollection.Name)]
public sealed class ViolenceCueTests(SynthDataFixture data, ITestOutputHelper output)
{
    private string Root => data.Violence.OutputDirectory;

    [Fact]
    public void MotionEnergyIsHigherInFights()
    {
        var violent = new List<double>();
        var calm = new List<double>();
        var hidden = new List<double>();
        foreach (var video in data.ViolenceManifest.Videos)
        {
            double[] energy = ImageMeasure.MotionEnergy(Path.Combine(Root, video.FramesDirectory), video.Frames);
            foreach (var s in video.Segments)
            {
                // Skip the first frames of a segment: the people need a moment to get going or to calm down.
                var inside = Enumerable.Range(s.FirstFrame + 5, Math.Max(0, s.Frames - 5)).Select(n => energy[n - 1]).ToList();
                if (inside.Count == 0)
                    continue;
                if (s.Label == "violent" && s.Ambiguous.Video is null)
                    violent.Add(inside.Average());
                else if (s.Label == "calm" && s.Ambiguous.Video is null)
                    calm.Add(inside.Average());
                else if (s.Label == "violent")
                    hidden.Add(inside.Average());
            }
        }
        Assert.NotEmpty(violent);
        Assert.NotEmpty(calm);
        output.WriteLine($"motion energy: violent min {violent.Min():F2}, calm max {calm.Max():F2}, violent but calm-looking {string.Join(", ", hidden.Select(h => h.ToString("F2")))}");
        Assert.True(violent.Min() > 2 * calm.Max(), $"violent segments {string.Join(", ", violent.Select(v => v.ToString("F2")))}; calm {string.Join(", ", calm.Select(v => v.ToString("F2")))}");
        Assert.All(hidden, h => Assert.True(h < violent.Min(), $"a calm-looking fight has motion energy {h:F2}"));
    }

    [Fact]
    public void AudioIsLouderInFights()
    {
        var violent = new List<double>();
        var calm = new List<double>();
        foreach (var video in data.ViolenceManifest.Videos)
        {
            var (samples, rate) = AudioMeasure.Read(Path.Combine(Root, video.Audio));
            foreach (var s in video.Segments.Where(s => s.Ambiguous.Audio is null))
                (s.Label == "violent" ? violent : calm).Add(AudioMeasure.Rms(samples, rate, s.Start, s.End));
        }
        Assert.NotEmpty(violent);
        Assert.NotEmpty(calm);
        output.WriteLine($"audio RMS: violent min {violent.Min():F4}, calm max {calm.Max():F4}");
        Assert.True(violent.Min() > 3 * calm.Max(), $"violent {string.Join(", ", violent.Select(v => v.ToString("F4")))}; calm {string.Join(", ", calm.Select(v => v.ToString("F4")))}");
    }

    [Fact]
    public void TranscriptsAreAggressiveInFightsAndCalmOtherwise()
    {
        int violentCues = 0, calmCues = 0;
        foreach (var s in data.ViolenceManifest.Videos.SelectMany(v => v.Segments))
        {
            if (s.Label == "violent" && s.Ambiguous.Text is null)
            {
                Assert.NotNull(s.Sentence);
                Assert.Contains("!", s.Sentence);
                violentCues++;
            }
            else if (s.Sentence is not null)
            {
                // Calm segments and fights with a calm sentence: no shouting.
                Assert.DoesNotContain("!", s.Sentence);
                calmCues++;
            }
            else
            {
                Assert.Equal("no-sentence", s.Ambiguous.Text);
            }
        }
        Assert.True(violentCues > 0 && calmCues > 0, $"{violentCues} aggressive and {calmCues} calm sentences");
    }
}
