using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Tests.Support;
using OpenCvSharp;
using Xunit.Abstractions;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>The emotion labels can be read back from each modality of the written files.</summary>
[Collection(SynthDataCollection.Name)]
public sealed class EmotionCueTests(SynthDataFixture data, ITestOutputHelper output)
{
    private string Root => data.Emotion.OutputDirectory;

    [Fact]
    public void MouthCurvatureInTheCropsFollowsValence()
    {
        var curvature = new List<double>();
        var valence = new List<double>();
        foreach (var video in data.EmotionManifest.Videos)
        {
            var va = VaFile.Read(Path.Combine(Root, video.Labels[0]));
            foreach (var segment in video.Segments.Where(s => s.Ambiguous.Video is null))
            {
                for (int n = segment.FirstFrame; n < segment.FirstFrame + segment.Frames; n += 3)
                {
                    double c = ImageMeasure.MouthCurvature(Path.Combine(Root, video.FramesDirectory, $"{n:D5}.jpg"));
                    Assert.False(double.IsNaN(c), $"no mouth found in {video.Name} frame {n}");
                    curvature.Add(c);
                    valence.Add(va.Valence[n - 1]);
                }
            }
        }
        Assert.True(curvature.Count > 100, $"only {curvature.Count} frames measured");
        double r = Stats.Pearson(curvature, valence);
        output.WriteLine($"mouth curvature vs valence: r = {r:F3} over {curvature.Count} frames");
        Assert.True(r > 0.8, $"mouth curvature vs valence: r = {r:F3} over {curvature.Count} frames");
    }

    [Fact]
    public void UninformativeFacesShowNoEyes()
    {
        var hidden = new List<double>();
        var shown = new List<double>();
        foreach (var video in data.EmotionManifest.Videos)
            foreach (var segment in video.Segments)
            {
                int middle = segment.FirstFrame + segment.Frames / 2;
                double share = ImageMeasure.EyeWhiteShare(Path.Combine(Root, video.FramesDirectory, $"{middle:D5}.jpg"));
                (segment.Ambiguous.Video is null ? shown : hidden).Add(share);
            }
        Assert.NotEmpty(hidden);
        Assert.All(hidden, s => Assert.True(s < 0.002, $"eye-white share {s:F4} in a turned-away/occluded frame"));
        // Blinks can close the eyes in a sampled frame; most informative frames show them.
        Assert.True(shown.Count(s => s > 0.01) >= 0.8 * shown.Count, $"eye whites visible in only {shown.Count(s => s > 0.01)} of {shown.Count} frames");
    }

    [Fact]
    public void HeadMotionInTheVideoFollowsArousal()
    {
        var motion = new List<double>();
        var arousal = new List<double>();
        foreach (var video in data.EmotionManifest.Videos)
        {
            var frames = ReadVideo(Path.Combine(Root, video.Video));
            Assert.Equal(video.Frames, frames.Count);
            foreach (var segment in video.Segments.Where(s => s.Ambiguous.Video is null && s.Frames >= 10))
            {
                double sum = 0;
                for (int i = segment.FirstFrame; i < segment.FirstFrame + segment.Frames - 1; i++)
                    sum += ImageMeasure.MeanAbsDiff(frames[i - 1], frames[i]);
                motion.Add(sum / (segment.Frames - 1));
                arousal.Add(segment.Arousal!.Value);
            }
            frames.ForEach(f => f.Dispose());
        }
        double r = Stats.Pearson(motion, arousal);
        output.WriteLine($"frame-difference energy vs arousal: r = {r:F3} over {motion.Count} segments");
        Assert.True(r > 0.6, $"frame-difference energy vs arousal: r = {r:F3} over {motion.Count} segments");
    }

    [Fact]
    public void SpeechIsLouderAndHigherAtHighArousal()
    {
        var loudness = new List<double>();
        var pitchRatio = new List<double>();
        var arousal = new List<double>();
        var arousalForPitch = new List<double>();
        foreach (var video in data.EmotionManifest.Videos)
        {
            var (samples, rate) = AudioMeasure.Read(Path.Combine(Root, video.Audio));
            Assert.Equal(16_000, rate);
            Assert.Equal(20 * 16_000, samples.Length);
            var cues = Cues(video);
            var spoken = video.Segments.Select((s, i) => (s, cue: cues[i])).Where(x => x.s.Ambiguous.Audio is null).ToList();
            var pitches = spoken.Select(x => AudioMeasure.MedianPitchHz(samples, rate, x.cue.Start.TotalSeconds, x.cue.End.TotalSeconds)).ToList();
            double videoMedian = pitches.Where(p => !double.IsNaN(p)).DefaultIfEmpty(double.NaN).Average();
            for (int i = 0; i < spoken.Count; i++)
            {
                loudness.Add(AudioMeasure.Rms(samples, rate, spoken[i].cue.Start.TotalSeconds, spoken[i].cue.End.TotalSeconds));
                arousal.Add(spoken[i].s.Arousal!.Value);
                // Voices differ per video: compare each sentence's pitch with its own speaker's average.
                if (!double.IsNaN(pitches[i]))
                {
                    pitchRatio.Add(pitches[i] / videoMedian);
                    arousalForPitch.Add(spoken[i].s.Arousal!.Value);
                }
            }
        }
        double rLoud = Stats.Pearson(loudness, arousal);
        double rPitch = Stats.Pearson(pitchRatio, arousalForPitch);
        output.WriteLine($"speech RMS vs arousal: r = {rLoud:F3} ({loudness.Count}); pitch vs arousal: r = {rPitch:F3} ({pitchRatio.Count})");
        Assert.True(rLoud > 0.7, $"speech RMS vs arousal: r = {rLoud:F3} over {loudness.Count} sentences");
        Assert.True(rPitch > 0.6, $"speech pitch vs arousal: r = {rPitch:F3} over {pitchRatio.Count} sentences");
    }

    [Fact]
    public void SilencedSegmentsAreQuiet()
    {
        int checkedSegments = 0;
        foreach (var video in data.EmotionManifest.Videos)
        {
            var (samples, rate) = AudioMeasure.Read(Path.Combine(Root, video.Audio));
            var cues = Cues(video);
            for (int i = 0; i < video.Segments.Count; i++)
            {
                double rms = AudioMeasure.Rms(samples, rate, cues[i].Start.TotalSeconds, cues[i].End.TotalSeconds);
                if (video.Segments[i].Ambiguous.Audio == "silence")
                {
                    Assert.True(rms < 0.01, $"{video.Name} segment {i} is marked silent but has RMS {rms:F4}");
                    checkedSegments++;
                }
                else
                {
                    Assert.True(rms > 0.02, $"{video.Name} segment {i} has speech but RMS {rms:F4}");
                }
            }
        }
        Assert.True(checkedSegments > 0, "no silenced segment in the fixture data");
    }

    private List<Capture.Text.TranscriptCue> Cues(SynthVideo video)
    {
        using var reader = new StreamReader(Path.Combine(Root, video.Transcript));
        var cues = Capture.Text.SrtParser.Parse(reader, video.Transcript);
        Assert.Equal(video.Segments.Count, cues.Count);
        return cues;
    }

    private static List<Mat> ReadVideo(string path)
    {
        using var capture = new VideoCapture(path);
        Assert.True(capture.IsOpened(), $"cannot open {path}");
        var frames = new List<Mat>();
        while (true)
        {
            var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty())
            {
                frame.Dispose();
                return frames;
            }
            frames.Add(frame);
        }
    }
}
