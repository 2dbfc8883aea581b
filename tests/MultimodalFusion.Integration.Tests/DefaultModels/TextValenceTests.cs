using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Integration.Tests.DefaultModels;

/// <summary>
/// The default emotion VA model reads valence from what is said: 20 everyday sentences written for this test (not by
/// the synthetic generator, mostly without its feeling words) go through the packaged MiniLM and onnx/emotion/va-fusion.onnx
/// with only the text stream present (video and audio masks all false); the sign of the predicted valence must be
/// right for at least 16 of them.
/// </summary>
public sealed class TextValenceTests : IDisposable
{
    private const int TimeSteps = 20;
    private readonly string _miniLm = RepoPaths.NewTempDir("mmf-text-valence");

    /// <summary>Sentence and its valence sign (+1 pleasant, -1 unpleasant).</summary>
    public static readonly (string Text, int Sign)[] Sentences =
    [
        ("We finally got the keys to our new apartment and I love it.", 1),
        ("The doctor said my test results are perfectly fine.", 1),
        ("Thanks so much for the flowers, they made my whole week.", 1),
        ("My grandmother's soup tasted just like I remembered.", 1),
        ("I passed the driving test on my first try!", 1),
        ("The concert last night was absolutely amazing.", 1),
        ("Our baby slept through the whole night for the first time.", 1),
        ("I got the job offer I was hoping for.", 1),
        ("What a fantastic goal, the whole stadium was cheering.", 1),
        ("The kids laughed all afternoon at the beach.", 1),
        ("My flight was cancelled and the airline lost my luggage.", -1),
        ("Our old dog died this morning and the house feels empty.", -1),
        ("I failed the exam again even though I studied for weeks.", -1),
        ("Someone broke into my car and stole my laptop.", -1),
        ("The food was cold, the waiter was rude and we waited an hour.", -1),
        ("I hate it when people lie to me like that.", -1),
        ("My back hurts so much I can barely walk.", -1),
        ("They fired half the team without any warning.", -1),
        ("The storm flooded our basement and ruined everything.", -1),
        ("I feel so lonely since my best friend moved away.", -1),
    ];

    public void Dispose()
    {
        if (Directory.Exists(_miniLm))
            Directory.Delete(_miniLm, recursive: true);
    }

    [Fact]
    public void ValenceSignFollowsTheSentenceWithOnlyTextPresent()
    {
        var loader = new ModelLoader();
        string textModel = MiniLmResources.ExtractTo(_miniLm);
        using var text = loader.Load(textModel);
        MiniLmTextEncoder encoder;
        using (var vocab = File.OpenRead(Path.Combine(_miniLm, MiniLmTextEncoder.VocabFileName)))
            encoder = new MiniLmTextEncoder(text.Session, vocab);
        using var va = loader.Load(Path.Combine(RepoPaths.Root, "onnx", "emotion", "va-fusion.onnx"));
        Assert.Contains(va.Manifest.Inputs, i => i.Name == "text");
        using var runner = new FusionRunner(va, TimeSteps);

        var wrong = new List<string>();
        foreach (var (sentence, sign) in Sentences)
        {
            foreach (var input in va.Manifest.Inputs.Where(i => i.Name.EndsWith("_mask", StringComparison.Ordinal)))
                runner.Mask(input.Name).Clear();
            foreach (var input in va.Manifest.Inputs.Where(i => !i.Name.EndsWith("_mask", StringComparison.Ordinal)))
                runner.Sequence(input.Name).Clear();
            // One sentence in the window: one text row at its start, as mmf features and the runtime place a cue.
            encoder.Encode(sentence, runner.Sequence("text")[..MiniLmTextEncoder.Dimensions]);
            runner.Mask("text_mask")[0] = true;
            runner.Run();
            float valence = runner.Output("va")[0];
            if (Math.Sign(valence) != sign)
                wrong.Add($"{valence:F3} for \"{sentence}\"");
        }
        Assert.True(wrong.Count <= 4, $"{wrong.Count} of {Sentences.Length} signs wrong: {string.Join("; ", wrong)}");
    }
}
