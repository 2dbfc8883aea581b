using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Datasets.Predictions;

namespace MultimodalFusion.Datasets.Tests.Predictions;

public class ChallengePredictionWriterTests
{
    [Fact]
    public void Writes_each_challenge_format_readable_as_a_prediction()
    {
        using var dir = new TempFolder();
        var writer = new ChallengePredictionWriter(dir.Combine("preds"));

        string va = writer.WriteVa("5-60-1920x1080_left", [0.5f, -0.25f], [0.125f, 1f]);
        string expr = writer.WriteExpr("5-60-1920x1080_right", [6, 0, 7]);
        string dvd = writer.WriteViolence("cam_3", [0, 1, 1], firstFrameNumber: 10);

        Assert.Equal(dir.Combine("preds", "5-60-1920x1080_left.txt"), va);
        Assert.Equal("valence,arousal\n0.5,0.125\n-0.25,1\n", File.ReadAllText(va));
        Assert.Equal(ExprAnnotation.Header + "\n6\n0\n7\n", File.ReadAllText(expr));
        Assert.Equal("Frame_Number,Predicted_Label\n10,0\n11,1\n12,1\n", File.ReadAllText(dvd));
        Assert.Equal([6, 0, 7], ExprFile.Read(expr, AnnotationFileKind.Prediction).Labels);
        Assert.Equal([0.5f, -0.25f], VaFile.Read(va, AnnotationFileKind.Prediction).Valence);
        Assert.Equal([10, 11, 12], DvdLabelFile.Read(dvd, AnnotationFileKind.Prediction).FrameNumbers);
        Assert.Empty(Directory.GetFiles(dir.Combine("preds"), "*.tmp-*"));
    }

    [Fact]
    public void Reader_checks_frame_counts_against_the_truth_and_lists_missing_predictions()
    {
        using var dir = new TempFolder();
        var writer = new ChallengePredictionWriter(dir.Path);
        writer.WriteVa("a", [0.1f, 0.2f, 0.3f], [0f, 0f, 0f]);
        writer.WriteExpr("b", [1, 2]);
        writer.WriteViolence("c", [1, 0, 1, 1]);
        var reader = new ChallengePredictionReader(dir.Path);

        Assert.Equal([0.1f, 0.2f, 0.3f], reader.ReadVa("a", expectedFrames: 3).Valence);
        Assert.Equal([1, 2], reader.ReadExpr("b").Labels);
        Assert.Equal([1, 0, 1, 1], reader.ReadViolence("c", expectedFrames: 4).Labels);
        var e = Assert.Throws<DatasetFormatException>(() => reader.ReadVa("a", expectedFrames: 5));
        Assert.Equal(dir.Combine("a.txt"), e.File);
        Assert.Contains("3 frames, the ground truth has 5", e.Message);
        Assert.Equal(["x", "c"], reader.Missing(["a", "x", "c"], ".txt"));
        Assert.Contains(dir.Combine("x.txt"), Assert.Throws<FileNotFoundException>(() => reader.ReadExpr("x")).Message);
    }

    [Fact]
    public void Rejects_names_that_would_leave_the_folder()
    {
        using var dir = new TempFolder();
        var writer = new ChallengePredictionWriter(dir.Path);
        Assert.Throws<ArgumentException>(() => writer.WriteExpr("../x", [0]));
        Assert.Throws<ArgumentException>(() => writer.WriteVa("", [0f], [0f]));
    }
}
