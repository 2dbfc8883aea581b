using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Datasets.Tests.AffWild2;

public class ExprFileTests
{
    private const string Header = "Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other";

    [Fact]
    public void Reads_classes_and_ignore_with_bom_crlf_and_trailing_blank_line()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("e.txt", Header + "\r\n0\r\n7\r\n-1\r\n4\r\n\r\n", bom: true);

        ExprAnnotation expr = ExprFile.Read(path);

        Assert.Equal([0, 7, -1, 4], expr.Labels);
        Assert.False(expr.IsLabelled(2));
        Assert.Equal(ExpressionClass.Happiness, (ExpressionClass)expr.Labels[3]);
    }

    [Theory]
    [InlineData("Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise\n0\n", 1, "header")]
    [InlineData("Anger,Neutral,Disgust,Fear,Happiness,Sadness,Surprise,Other\n0\n", 1, "header")]
    [InlineData(Header + "\n0\n8\n", 3, "expression 8 is out of range")]
    [InlineData(Header + "\n0\n-2\n", 3, "out of range")]
    [InlineData(Header + "\n0\n3.0\n", 3, "'3.0' is not an integer")]
    [InlineData(Header + "\n0,1\n", 2, "expected 1")]
    public void Bad_content_names_file_and_line(string text, int line, string fragment)
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("bad.txt", text);

        var e = Assert.Throws<DatasetFormatException>(() => ExprFile.Read(path));

        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Round_trip_and_prediction_kind()
    {
        using var dir = new TempFolder();
        int[] labels = [0, 1, 2, 3, 4, 5, 6, 7, -1, -1, 3];
        string path = dir.Combine("e.txt");

        ExprFile.Write(path, new ExprAnnotation(labels));

        Assert.Equal(labels, ExprFile.Read(path).Labels);
        Assert.StartsWith(Header + "\n0\n1\n", File.ReadAllText(path));
        var e = Assert.Throws<DatasetFormatException>(() => ExprFile.Read(path, AnnotationFileKind.Prediction));
        Assert.Equal(10, e.Line);
        Assert.Throws<ArgumentOutOfRangeException>(() => ExprFile.WritePrediction(dir.Combine("p.txt"), [0, -1]));
    }
}
