using MultimodalFusion.Capture.Text;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Capture.Tests.Text;

public sealed class VttParserTests
{
    private static List<TranscriptCue> Parse(string text) => VttParser.Parse(new StringReader(text), "t.vtt");

    [Fact]
    public void DemoVtt_MatchesDemoSrt()
    {
        var vtt = VttParser.ParseFile(RepoPaths.Media("demo.vtt"));
        var srt = SrtParser.ParseFile(RepoPaths.Media("demo.srt"));
        Assert.Equal(srt.Select(c => (c.Start, c.End, c.Text)), vtt.Select(c => (c.Start, c.End, c.Text)));
        Assert.Equal(TimeSpan.FromSeconds(3.8), vtt[0].End);
    }

    [Fact]
    public void HandlesHeaderNotesStyleIdentifiersSettingsHoursAndTags()
    {
        const string vtt = """
            WEBVTT - a title
            Kind: captions

            NOTE this is a comment
            spanning two lines

            STYLE
            ::cue { color: lime }

            intro
            00:00:01.250 --> 00:00:02.000 align:start position:10%
            <v Roger Bingham>We are in <c.loud>New York</c> &lt;live&gt;

            01:00:00.000 --> 01:00:01.500
            one <00:00:00.500>word at a time
            second line
            """;
        var cues = Parse(vtt);
        Assert.Equal(2, cues.Count);
        Assert.Equal((TimeSpan.FromMilliseconds(1250), TimeSpan.FromSeconds(2)), (cues[0].Start, cues[0].End));
        Assert.Equal("We are in New York <live>", cues[0].Text);
        Assert.Equal(TimeSpan.FromHours(1), cues[1].Start);
        Assert.Equal("one word at a time second line", cues[1].Text);
        Assert.Equal(11, cues[0].LineNumber);
    }

    [Theory]
    [InlineData("WEBVTTX\n\n00:01.000 --> 00:02.000\nhi\n", 1, "must start with 'WEBVTT'")]
    [InlineData("1\n00:00:01,000 --> 00:00:02,000\nhi\n", 1, "must start with 'WEBVTT'")]
    [InlineData("WEBVTT\n\n00:01,000 --> 00:02,000\nhi\n", 3, "bad timing line")]
    [InlineData("WEBVTT\n\nid\n00:03.000 --> 00:02.000\nhi\n", 4, "ends")]
    [InlineData("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n\njust text\n", 6, "expected a cue timing line")]
    public void MalformedInput_FailsWithFileAndLine(string vtt, int line, string why)
    {
        var e = Assert.Throws<TranscriptFormatException>(() => Parse(vtt));
        Assert.Equal(line, e.LineNumber);
        Assert.StartsWith($"t.vtt:{line}: ", e.Message);
        Assert.Contains(why, e.Message);
    }
}
