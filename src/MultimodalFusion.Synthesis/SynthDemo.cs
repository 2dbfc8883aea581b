using Microsoft.Extensions.Logging;
using MultimodalFusion.Synthesis.Manifest;

namespace MultimodalFusion.Synthesis;

/// <summary>
/// Writes the short emotion clip used as the emotion monitor's bundled demo input: <c>emotion-demo.mp4</c>
/// (face), <c>emotion-demo.wav</c> (speech), <c>emotion-demo.srt</c> (transcript), plus its ground truth
/// <c>emotion-demo.va.txt</c> and <c>emotion-demo.expr.txt</c> (Aff-Wild2 format) and <c>emotion-demo.json</c> (manifest).
/// </summary>
public static class SynthDemo
{
    /// <summary>Base name of the demo files.</summary>
    public const string BaseName = "emotion-demo";

    /// <summary>Length of the demo clip.</summary>
    public static TimeSpan Duration { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Writes the demo files into <paramref name="outputDirectory"/> and returns the path of the .mp4.</summary>
    /// <remarks>Nothing is ambiguous in the demo: every segment shows its emotion in all three modalities.</remarks>
    public static string Write(string outputDirectory, int seed = 7, int width = 320, int height = 240, double fps = 10, ILogger? logger = null)
    {
        string work = Path.Combine(outputDirectory, $".{BaseName}-work");
        if (Directory.Exists(work))
            Directory.Delete(work, recursive: true);
        try
        {
            var manifest = new SynthGenerator(logger).Generate(new SynthOptions
            {
                Task = SynthTask.Emotion, OutputDirectory = work, Videos = 1, Duration = Duration, Seed = seed,
                Width = width, Height = height, Fps = fps, AmbiguousFraction = 0, ValidationFraction = 0,
            });
            var video = manifest.Videos[0];
            Move(work, video.Video, outputDirectory, ".mp4");
            Move(work, video.Audio, outputDirectory, ".wav");
            Move(work, video.Transcript, outputDirectory, ".srt");
            Move(work, video.Labels[0], outputDirectory, ".va.txt");
            Move(work, video.Labels[1], outputDirectory, ".expr.txt");
            File.Move(Path.Combine(work, SynthManifest.FileName), Path.Combine(outputDirectory, BaseName + ".json"), overwrite: true);
            return Path.Combine(outputDirectory, BaseName + ".mp4");
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
    }

    private static void Move(string root, string relative, string outputDirectory, string suffix) =>
        File.Move(Path.Combine(root, relative), Path.Combine(outputDirectory, BaseName + suffix), overwrite: true);
}
