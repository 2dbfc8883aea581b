using MultimodalFusion.Synthesis.Tests.Support;
using MultimodalFusion.TestSupport;
using Xunit.Abstractions;

namespace MultimodalFusion.Synthesis.Tests;

/// <summary>
/// Each modality alone tells fights from calm on most segments; since each one is made uninformative on its own
/// random quarter of the segments, a majority of the three is right more often than any one of them.
/// </summary>
public sealed class ViolenceFusionTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = RepoPaths.NewTempDir("mmf-synth-fusion");

    [Fact]
    public void EachModalityAloneDetectsFightsAndTheirMajorityDoesBetter()
    {
        // More segments than the shared fixture has, so that one lucky segment cannot decide the comparison.
        var options = new SynthOptions
        {
            Task = SynthTask.Violence, OutputDirectory = Path.Combine(_root, "violence"), Videos = 10,
            Duration = TimeSpan.FromSeconds(40), Seed = 21, Width = 96, Height = 96,
        };
        var manifest = new SynthGenerator().Generate(options);
        int segments = 0, videoRight = 0, audioRight = 0, textRight = 0, voteRight = 0;
        foreach (var video in manifest.Videos)
        {
            double[] energy = ImageMeasure.MotionEnergy(Path.Combine(options.OutputDirectory, video.FramesDirectory), video.Frames);
            var (samples, rate) = AudioMeasure.Read(Path.Combine(options.OutputDirectory, video.Audio));
            foreach (var s in video.Segments.Where(s => s.Frames > 10))
            {
                bool truth = s.Label == "violent";
                // Fixed thresholds between the informative calm and fight levels measured above.
                bool byVideo = Enumerable.Range(s.FirstFrame + 5, s.Frames - 5).Average(n => energy[n - 1]) > 3.0;
                bool byAudio = AudioMeasure.Rms(samples, rate, s.Start, s.End) > 0.07;
                bool byText = s.Sentence?.Contains('!') == true;
                bool vote = (byVideo ? 1 : 0) + (byAudio ? 1 : 0) + (byText ? 1 : 0) >= 2;
                segments++;
                videoRight += byVideo == truth ? 1 : 0;
                audioRight += byAudio == truth ? 1 : 0;
                textRight += byText == truth ? 1 : 0;
                voteRight += vote == truth ? 1 : 0;
            }
        }
        output.WriteLine($"segment accuracy over {segments}: video {videoRight}, audio {audioRight}, text {textRight}, majority {voteRight}");
        foreach (int single in new[] { videoRight, audioRight, textRight })
        {
            Assert.True(single >= 0.6 * segments, $"a single modality is right on only {single} of {segments} segments");
            Assert.True(single < segments, "a modality is never made ambiguous");
        }
        Assert.True(voteRight > Math.Max(videoRight, Math.Max(audioRight, textRight)),
            $"majority {voteRight} vs video {videoRight}, audio {audioRight}, text {textRight} of {segments}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException) { }
    }
}
