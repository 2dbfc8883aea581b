using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Synthesis.Speech;
using MultimodalFusion.Synthesis.Tests.Support;
using MultimodalFusion.Synthesis.Text;

namespace MultimodalFusion.Synthesis.Tests;

public sealed class TextAndSpeechTests
{
    [Fact]
    public void SentenceBankHasThousandsOfDistinctEmotionSentences()
    {
        var random = new Random(1);
        var sentences = new HashSet<string>();
        for (int i = 0; i < 40_000; i++)
            sentences.Add(SentenceBank.Emotion(random, (ExpressionClass)(i % 8), random.Uniform(-1, 1)));
        Assert.True(sentences.Count > 5000, $"{sentences.Count} distinct sentences");
    }

    [Fact]
    public void EmotionSentencesNameTheirExpressionsFeelingAndIntensityFollowsValence()
    {
        var random = new Random(2);
        string happy = SentenceBank.Emotion(random, ExpressionClass.Happiness, 0.9);
        Assert.Contains("extremely", happy);
        string mild = SentenceBank.Emotion(random, ExpressionClass.Neutral, 0.05);
        Assert.Contains("a bit", mild);
        string[] angerWords = ["angry", "furious", "mad", "irritated", "outraged", "fed up"];
        for (int i = 0; i < 50; i++)
        {
            string sentence = SentenceBank.Emotion(random, ExpressionClass.Anger, -0.6);
            Assert.Contains(angerWords, w => sentence.Contains(w));
        }
        string neutral = SentenceBank.Neutral(random);
        Assert.DoesNotContain(angerWords, w => neutral.Contains(w));
    }

    [Fact]
    public void EspeakSpeaksAt16kHzAndLouderWithMoreArousal()
    {
        var speech = new EspeakSpeech();
        float[] calm = speech.Speak("The meeting starts at nine.", "en-us", Prosody.ForArousal(-0.8));
        float[] excited = speech.Speak("The meeting starts at nine.", "en-us", Prosody.ForArousal(0.8));
        // Faster speech at high arousal: shorter; louder: higher RMS.
        Assert.InRange(calm.Length / 16_000.0, 1.0, 4.0);
        Assert.True(excited.Length < 0.8 * calm.Length, $"{excited.Length} vs {calm.Length} samples");
        double rmsCalm = AudioMeasure.Rms(calm, 16_000, 0, 10), rmsExcited = AudioMeasure.Rms(excited, 16_000, 0, 10);
        Assert.True(rmsExcited > 2 * rmsCalm, $"RMS {rmsExcited:F4} vs {rmsCalm:F4}");
        Assert.Equal(calm, speech.Speak("The meeting starts at nine.", "en-us", Prosody.ForArousal(-0.8)));
    }

    [Fact]
    public void MissingEspeakIsNamedWithTheFix()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new EspeakSpeech("/nonexistent/espeak-ng").Speak("hi", "en", Prosody.Neutral));
        Assert.Contains("/nonexistent/espeak-ng", e.Message);
        Assert.Contains("apt-get install espeak-ng", e.Message);
    }

    [Fact]
    public void SrtTimesAreFormattedToTheMillisecond()
    {
        Assert.Equal("00:00:01,250", SrtWriter.Format(TimeSpan.FromSeconds(1.25)));
        Assert.Equal("01:02:03,004", SrtWriter.Format(new TimeSpan(0, 1, 2, 3, 4)));
    }

    [Fact]
    public void SrtCueTextWithBlankLinesStaysOneCueForCapturesParser()
    {
        string path = Path.Combine(Path.GetTempPath(), "mmf-srt-" + Guid.NewGuid().ToString("N")[..12] + ".srt");
        try
        {
            SrtWriter.Write(path, [
                new SrtCue(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), "first\r\n\n\n \nline two"),
                new SrtCue(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4.5), "second")]);
            var cues = MultimodalFusion.Capture.Text.SrtParser.ParseFile(path);
            Assert.Equal(2, cues.Count);
            Assert.Equal("first line two", cues[0].Text);   // the parser joins a cue's lines with a space
            Assert.Equal(TimeSpan.FromSeconds(4.5), cues[1].End);
            Assert.Equal("second", cues[1].Text.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
