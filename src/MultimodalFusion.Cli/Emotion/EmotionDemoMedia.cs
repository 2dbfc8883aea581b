using Microsoft.Extensions.Logging;
using MultimodalFusion.Capture;
using MultimodalFusion.Cli.Probe;
using MultimodalFusion.Synthesis;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>
/// The bundled demo input of <c>mmf emotion</c>: the synthetic clip that <c>mmf synth --demo</c> writes (a cartoon face,
/// espeak speech and its transcript, 10 s, with ground truth), generated into <c>.media/demo/</c> on first use and reused after.
/// </summary>
internal static class EmotionDemoMedia
{
    /// <summary>Folder of the demo files: <c>demo/</c> under the sample media folder ($MMF_MEDIA or the first <c>.media/</c> found), else <c>./.media/demo</c>.</summary>
    public static string Folder()
    {
        string media;
        try
        {
            media = SampleMedia.FindMediaDir();
        }
        catch (FileNotFoundException)
        {
            media = Path.Combine(Environment.CurrentDirectory, ".media");
        }
        return Path.Combine(media, "demo");
    }

    /// <summary>The demo's video, audio and transcript sources, writing them first when any is missing (needs espeak-ng).</summary>
    /// <exception cref="IOException">The demo could not be generated; the message says why.</exception>
    public static IReadOnlyList<SourceSpec> Sources(string folder, ILogger logger, TextWriter progress)
    {
        string[] files = [".mp4", ".wav", ".srt"];
        string[] paths = files.Select(ext => Path.Combine(folder, SynthDemo.BaseName + ext)).ToArray();
        if (!paths.All(File.Exists))
        {
            progress.WriteLine($"mmf emotion: writing the demo clip into {folder} (once; mmf synth --demo) ...");
            try
            {
                Directory.CreateDirectory(folder);
                SynthDemo.Write(folder, logger: logger);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new IOException($"cannot write the demo clip into {folder}: {ex.Message} (it needs espeak-ng: sudo apt-get install espeak-ng; or name a SOURCE)", ex);
            }
        }
        return paths.Select(SourceSpec.Parse).ToList();
    }
}
