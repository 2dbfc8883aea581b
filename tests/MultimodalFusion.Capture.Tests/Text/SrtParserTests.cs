using MultimodalFusion.Capture.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class SrtParserTests
{
    private static List<TranscriptCue> Parse(string text) => SrtParser.Parse(new StringReader(text), "t.srt");

    [Fact]
    public void DemoSrt_HasItsTwoCuesAtTheirTimes()
    {
        var cues = SrtParser.ParseFile(RepoPaths.Media("demo.srt"));
        Assert.Equal(2, cues.Count);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3.8), "go forward ten meters"), (cues[0].Start, cues[0].End, cues[0].Text));
        Assert.Equal((TimeSpan.FromSeconds(4.8), TimeSpan.FromSeconds(8.5)), (cues[1].Start, cues[1].End));
        Assert.Equal("hello world, this is a test of the microphone", cues[1].Text);
        Assert.Equal((2, 6), (cues[0].LineNumber, cues[1].LineNumber));
    }

    [Fact]
    public void ToleratesCrlfBomTagsMultilineAndMissingIndex()
    {
        string srt = "\uFEFF1\r\n01:02:03,004 --> 01:02:05.500 X1:10 X2:20\r\n<i>Hello</i>\r\n{\\an8}there &amp; you\r\n\r\n\r\n00:00:00,000 --> 00:00:00,000\r\n\r\n";
        var cues = Parse(srt);
        Assert.Equal(2, cues.Count);
        Assert.Equal(new TimeSpan(0, 1, 2, 3, 4), cues[0].Start);
        Assert.Equal(new TimeSpan(0, 1, 2, 5, 500), cues[0].End);
        Assert.Equal("Hello there & you", cues[0].Text);
        Assert.Equal(string.Empty, cues[1].Text);
    }

    [Theory]
    [InlineData("1\n00:00:01,000 -> 00:00:02,000\nhi\n", 2, "timing line")]
    [InlineData("1\n00:00:01,000 --> 00:00:02\nhi\n", 2, "bad timing line")]
    [InlineData("1\n00:00:03,000 --> 00:00:02,000\nhi\n", 2, "ends")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:61:01,000 --> 00:62:02,000\nx\n", 6, "below 60")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nhi\n\nhello there\n", 5, "expected a cue number")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n7\n", 5, "without a timing line")]
    public void MalformedInput_FailsWithFileAndLine(string srt, int line, string why)
    {
        var e = Assert.Throws<TranscriptFormatException>(() => Parse(srt));
        Assert.Equal(("t.srt", line), (e.FileName, e.LineNumber));
        Assert.StartsWith($"t.srt:{line}: ", e.Message);
        Assert.Contains(why, e.Message);
    }
}
