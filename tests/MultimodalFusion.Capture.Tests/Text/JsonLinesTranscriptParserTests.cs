using MultimodalFusion.Capture.Text;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class JsonLinesTranscriptParserTests
{
    [Fact]
    public void ParsesFullAndMinimalLines()
    {
        var cues = JsonLinesTranscriptParser.Parse(new StringReader(
            "{\"start\":1.2,\"end\":2.5,\"text\":\" go forward \",\"confidence\":0.9,\"final\":false,\"speaker\":\"a\"}\n\n{\"start\":3,\"end\":3,\"text\":\"x\"}\n"), "t.jsonl");
        Assert.Equal(2, cues.Count);
        Assert.Equal((TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(2.5), "go forward", 0.9f, false, 1),
            (cues[0].Start, cues[0].End, cues[0].Text, cues[0].Confidence, cues[0].IsFinal, cues[0].LineNumber));
        Assert.Equal((1f, true, 3), (cues[1].Confidence, cues[1].IsFinal, cues[1].LineNumber));
    }

    [Fact]
    public void LiveLineMayOmitTimes()
    {
        var line = JsonLinesTranscriptParser.ParseLine("{\"text\":\"hi\"}", "stdin", 4);
        Assert.Equal((null, null, "hi"), (line.StartSeconds, line.EndSeconds, line.Text));
        var startOnly = JsonLinesTranscriptParser.ParseLine("{\"start\":2,\"text\":\"hi\"}", "stdin", 5);
        Assert.Equal(2.0, startOnly.EndSeconds);
    }

    [Theory]
    [InlineData("{\"start\":1,\"end\":2}", "\"text\"")]
    [InlineData("{\"start\":1,\"end\":2,\"text\":5}", "\"text\"")]
    [InlineData("{\"start\":2,\"end\":1,\"text\":\"a\"}", "before")]
    [InlineData("{\"start\":-1,\"end\":1,\"text\":\"a\"}", "\"start\"")]
    [InlineData("{\"start\":\"1\",\"end\":1,\"text\":\"a\"}", "\"start\"")]
    [InlineData("{\"end\":1,\"text\":\"a\"}", "without \"start\"")]
    [InlineData("{\"start\":1,\"end\":2,\"text\":\"a\",\"confidence\":1.5}", "confidence")]
    [InlineData("{\"start\":1,\"end\":2,\"text\":\"a\",\"final\":\"yes\"}", "final")]
    [InlineData("[1,2]", "object")]
    [InlineData("{\"start\":1,", "not valid JSON")]
    public void BadLine_FailsWithFileAndLine(string json, string why)
    {
        var e = Assert.Throws<TranscriptFormatException>(() => JsonLinesTranscriptParser.Parse(new StringReader("{\"start\":0,\"end\":1,\"text\":\"ok\"}\n" + json), "t.jsonl"));
        Assert.Equal(2, e.LineNumber);
        Assert.StartsWith("t.jsonl:2: ", e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void FileLinesNeedTimes()
    {
        var e = Assert.Throws<TranscriptFormatException>(() => JsonLinesTranscriptParser.Parse(new StringReader("{\"text\":\"a\"}"), "f.jsonl"));
        Assert.Contains("f.jsonl:1:", e.Message);
    }
}
