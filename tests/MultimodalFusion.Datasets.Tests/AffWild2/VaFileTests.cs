using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Datasets.Tests.AffWild2;

public class VaFileTests
{
    [Fact]
    public void Reads_bom_crlf_trailing_blank_lines_and_ignore_values()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("v.txt", "valence,arousal\r\n0.25,-0.5\r\n-5,-5\r\n1,-1\r\n\r\n\r\n", bom: true);

        VaAnnotation va = VaFile.Read(path);

        Assert.Equal(3, va.FrameCount);
        Assert.Equal([0.25f, -5f, 1f], va.Valence);
        Assert.Equal([-0.5f, -5f, -1f], va.Arousal);
        Assert.True(va.IsLabelled(0));
        Assert.False(va.IsLabelled(1));
        Assert.Equal(2, va.LabelledCount);
    }

    [Fact]
    public void Header_with_spaces_and_other_case_is_accepted_and_header_only_means_zero_frames()
    {
        var va = VaFile.Parse(new StringReader(" Valence , Arousal \n"), "x.txt");
        Assert.Equal(0, va.FrameCount);
    }

    [Theory]
    [InlineData("valence;arousal\n0,0\n", 1, "header")]
    [InlineData("arousal,valence\n0,0\n", 1, "header")]
    [InlineData("", 1, "empty")]
    [InlineData("valence,arousal\n0.1,0.2\n0.3\n", 3, "expected 2")]
    [InlineData("valence,arousal\n0.1,0.2,0.3\n", 2, "expected 2")]
    [InlineData("valence,arousal\n0.1,0.2\n0.1,abc\n", 3, "arousal: 'abc' is not a number")]
    [InlineData("valence,arousal\n1.5,0.2\n", 2, "valence 1.5 is out of range")]
    [InlineData("valence,arousal\n0.1,-4\n", 2, "arousal -4 is out of range")]
    [InlineData("valence,arousal\nNaN,0\n", 2, "not a number")]
    [InlineData("valence,arousal\n0,0\n\n0,0\n", 3, "blank line")]
    public void Bad_content_names_file_and_line(string text, int line, string fragment)
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("bad.txt", text);

        var e = Assert.Throws<DatasetFormatException>(() => VaFile.Read(path));

        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Prediction_files_reject_the_ignore_value()
    {
        var e = Assert.Throws<DatasetFormatException>(() =>
            VaFile.Parse(new StringReader("valence,arousal\n0.1,0.1\n-5,-5\n"), "pred.txt", AnnotationFileKind.Prediction));
        Assert.Equal(3, e.Line);
        Assert.Contains("prediction must be in [-1, 1]", e.Message);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("nope.txt");
        var e = Assert.Throws<FileNotFoundException>(() => VaFile.Read(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Round_trip_keeps_every_float_bit_and_writes_lf_without_bom()
    {
        using var dir = new TempFolder();
        var random = new Random(5);
        var valence = new float[500];
        var arousal = new float[500];
        for (int i = 0; i < valence.Length; i++)
        {
            valence[i] = i % 17 == 0 ? VaAnnotation.Ignore : (float)(random.NextDouble() * 2 - 1);
            arousal[i] = i % 17 == 0 ? VaAnnotation.Ignore : (float)(random.NextDouble() * 2 - 1);
        }
        string path = dir.Combine("sub", "video_left.txt");

        VaFile.Write(path, new VaAnnotation(valence, arousal));
        VaAnnotation back = VaFile.Read(path);

        Assert.Equal(valence, back.Valence);
        Assert.Equal(arousal, back.Arousal);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal((byte)'v', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal(501, bytes.Count(b => b == (byte)'\n'));
    }

    [Fact]
    public void Writer_refuses_out_of_range_values_naming_the_frame()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("p.txt");
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => VaFile.WritePrediction(path, [0f, 1.2f], [0f, 0f]));
        Assert.Contains("frame 2", e.Message);
        Assert.False(File.Exists(path));
        Assert.Throws<ArgumentOutOfRangeException>(() => VaFile.WritePrediction(path, [VaAnnotation.Ignore], [0f]));
        Assert.Throws<ArgumentException>(() => VaFile.WritePrediction(path, [0f], [0f, 0f]));
    }
}
