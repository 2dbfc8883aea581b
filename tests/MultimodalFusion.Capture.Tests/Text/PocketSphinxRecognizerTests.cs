using MultimodalFusion.Capture.Text;
using MultimodalFusion.TestSupport;
using static MultimodalFusion.Capture.Tests.Audio.AudioTestHelpers;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class PocketSphinxRecognizerTests
{
    [Fact]
    public async Task GoForward_DecodesExactly()
    {
        using var recognizer = new PocketSphinxRecognizer();
        var result = await recognizer.RecognizeAsync(ReadRawS16(RepoPaths.Media("goforward.raw")));
        Assert.Equal("go forward ten meters", result.Text);
        Assert.InRange(result.Confidence, 0f, 1f);
        Assert.Equal("pocketsphinx", recognizer.Name);
    }

    [Fact]
    public async Task Silence_GivesNoText_AndDecoderIsReusable()
    {
        using var recognizer = new PocketSphinxRecognizer();
        var silence = await recognizer.RecognizeAsync(new float[16_000]);
        Assert.Equal(string.Empty, silence.Text);
        var speech = await recognizer.RecognizeAsync(ReadRawS16(RepoPaths.Media("goforward.raw")));
        Assert.Equal("go forward ten meters", speech.Text);
    }

    [Fact]
    public async Task JsgfGrammar_RestrictsToCommandWords()
    {
        string dir = RepoPaths.NewTempDir();
        string grammar = Path.Combine(dir, "commands.gram");
        await File.WriteAllTextAsync(grammar, "#JSGF V1.0;\ngrammar commands;\npublic <command> = (go | turn) (forward | back | left | right) (one | two | ten) meters;\n");
        using var recognizer = new PocketSphinxRecognizer(new PocketSphinxOptions(JsgfPath: grammar));
        var result = await recognizer.RecognizeAsync(ReadRawS16(RepoPaths.Media("goforward.raw")));
        Assert.Equal("go forward ten meters", result.Text);
    }

    [Fact]
    public void MissingModelFiles_FailNamingThem()
    {
        var e = Assert.Throws<SpeechRecognizerException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions(AcousticModelDir: "/nope/hmm")));
        Assert.Contains("/nope/hmm", e.Message);
        var lm = Assert.Throws<SpeechRecognizerException>(() => new PocketSphinxRecognizer(new PocketSphinxOptions(LanguageModelPath: "/nope/x.lm.bin")));
        Assert.Contains("/nope/x.lm.bin", lm.Message);
        Assert.Equal("pocketsphinx", lm.Engine);
    }
}
