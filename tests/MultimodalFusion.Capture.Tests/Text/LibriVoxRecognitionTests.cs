using MultimodalFusion.Capture.Audio;
using MultimodalFusion.Capture.Text;
using MultimodalFusion.Core.Time;
using MultimodalFusion.TestSupport;
using Xunit.Abstractions;
using static MultimodalFusion.Capture.Tests.Audio.AudioTestHelpers;

namespace MultimodalFusion.Capture.Tests.Text;

/// <summary>Open-vocabulary recognition of real read speech (pocketsphinx-testdata's LibriVox clips) against their transcripts.</summary>
public sealed class LibriVoxRecognitionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LibriVoxClips_WordErrorRateStaysLow()
    {
        string dir = RepoPaths.Media("librivox");
        // Lines look like "<s> he was not an ill disposed young man </s> (sense_..._64kb-0880)".
        var truth = File.ReadAllLines(Path.Combine(dir, "transcription"))
            .Where(l => l.Contains('('))
            .ToDictionary(l => l[(l.LastIndexOf('(') + 1)..l.LastIndexOf(')')],
                l => l[..l.LastIndexOf('(')].Replace("<s>", "").Replace("</s>", "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(5, truth.Count);

        using var recognizer = new PocketSphinxRecognizer();
        int errors = 0, words = 0;
        foreach (var (id, reference) in truth)
        {
            var chunks = await RunToEndAsync(new WavFileSource(Path.Combine(dir, id + ".wav"), new AudioFileOptions(), new ManualClock()));
            float[] samples = Concat(chunks);
            chunks.ForEach(c => c.Dispose());
            var result = await recognizer.RecognizeAsync(samples);
            string[] hypothesis = result.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int e = WordEdits(reference, hypothesis);
            output.WriteLine($"{id}: '{result.Text}' ({e} errors / {reference.Length} words)");
            errors += e;
            words += reference.Length;
        }
        double wer = errors / (double)words;
        output.WriteLine($"WER {wer:P1}");
        // Measured: 28.2 % (20 of 71 words) with Debian 12's pocketsphinx 5prealpha and its en-us model; the
        // reference spells "mister" where the decoder says "mr". A broken audio path (scale, rate) gives ~100 %.
        Assert.True(wer <= 0.35, $"word error rate {wer:P1} over {words} words");
    }

    /// <summary>Levenshtein distance over words (substitutions, insertions, deletions).</summary>
    internal static int WordEdits(string[] reference, string[] hypothesis)
    {
        var d = new int[reference.Length + 1, hypothesis.Length + 1];
        for (int i = 0; i <= reference.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= hypothesis.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= reference.Length; i++)
            for (int j = 1; j <= hypothesis.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1),
                    d[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1));
        return d[reference.Length, hypothesis.Length];
    }

    [Fact]
    public void WordEdits_CountsSubstitutionsInsertionsAndDeletions()
    {
        Assert.Equal(0, WordEdits(["a", "b"], ["a", "b"]));
        Assert.Equal(1, WordEdits(["a", "b"], ["a", "c"]));
        Assert.Equal(2, WordEdits(["a", "b", "c"], ["b", "c", "d"]));
        Assert.Equal(3, WordEdits(["a", "b", "c"], []));
    }
}
