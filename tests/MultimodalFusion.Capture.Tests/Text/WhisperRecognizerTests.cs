using MultimodalFusion.Capture.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

/// <summary>No ggml model can be obtained here, so only the checks before native code are tested.</summary>
public sealed class WhisperRecognizerTests
{
    [Fact]
    public void MissingModel_FailsNamingTheFile()
    {
        var e = Assert.Throws<SpeechRecognizerException>(() => new WhisperRecognizer("/nope/ggml-base.en.bin"));
        Assert.Contains("/nope/ggml-base.en.bin", e.Message);
        Assert.Contains("not found", e.Message);
        Assert.Equal("whisper", e.Engine);
    }

    [Fact]
    public void NotAGgmlFile_FailsBeforeNativeCode()
    {
        string path = RepoPaths.Media("goforward.wav");
        var e = Assert.Throws<SpeechRecognizerException>(() => new WhisperRecognizer(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a ggml", e.Message);
    }

    [Fact]
    public void Factory_ParsesSpecsAndExplainsWhatIsMissing()
    {
        using (var ps = SpeechRecognizers.Create("asr:pocketsphinx"))
            Assert.IsType<PocketSphinxRecognizer>(ps);
        using (var auto = SpeechRecognizers.Create(null))
            Assert.Equal("pocketsphinx", auto.Name);
        var noModel = Assert.Throws<SpeechRecognizerException>(() => SpeechRecognizers.Create("asr:whisper"));
        Assert.Contains("ggml model path", noModel.Message);
        var missing = Assert.Throws<SpeechRecognizerException>(() => SpeechRecognizers.Create("asr:whisper:/nope/m.bin"));
        Assert.Contains("/nope/m.bin", missing.Message);
        var unknown = Assert.Throws<SpeechRecognizerException>(() => SpeechRecognizers.Create("asr:kaldi"));
        Assert.Contains("kaldi", unknown.Message);
        Assert.Null(SpeechRecognizers.DescribeProblem("pocketsphinx"));
        Assert.Contains("/nope/m.bin", SpeechRecognizers.DescribeProblem("whisper:/nope/m.bin"));
    }
}
