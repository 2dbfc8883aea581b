using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Datasets.Tests.AffWild2;

public class AnnotationNameListTests
{
    [Fact]
    public void Reads_names_with_bom_crlf_blank_lines_and_txt_suffix()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("test_set.txt", "2-30-640x360\r\n\r\n 10-60-1280x720_left \r\n10-60-1280x720_right.txt\r\n\r\n", bom: true);

        var names = AnnotationNameList.Read(path);

        Assert.Equal(["2-30-640x360", "10-60-1280x720_left", "10-60-1280x720_right"], names.Select(n => n.Name));
        Assert.Equal(SubjectSide.Right, names[2].Subject);
        Assert.Equal("10-60-1280x720", names[2].VideoName);
    }

    [Theory]
    [InlineData("a\nb,c\n", 2, "not an annotation name")]
    [InlineData("a\n\nx y\n", 3, "not an annotation name")]
    [InlineData("a\nb\na.txt\n", 3, "'a' is listed twice")]
    public void Bad_names_are_reported_with_their_line(string text, int line, string fragment)
    {
        var e = Assert.Throws<DatasetFormatException>(() => AnnotationNameList.Parse(new StringReader(text), "names.txt"));
        Assert.Equal(line, e.Line);
        Assert.Contains(fragment, e.Message);
    }
}
