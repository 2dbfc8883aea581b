using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Tests.Dvd;

public class DvdTests
{
    [Fact]
    public void Reads_labels_with_bom_crlf_and_trailing_blank_line()
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("l.csv", "Frame_Number,Label\r\n1,0\r\n2,1\r\n5,1\r\n\r\n", bom: true);

        DvdLabels labels = DvdLabelFile.Read(path);

        Assert.Equal([1, 2, 5], labels.FrameNumbers);
        Assert.Equal([0, 1, 1], labels.Labels);
        Assert.Equal([0, 1, -1, -1, 1, -1], labels.ToDense(6));
    }

    [Theory]
    [InlineData("Frame_Number,Predicted_Label\n1,0\n", 1, "header")]
    [InlineData("Frame_Number,Label\n1,0\n2,2\n", 3, "Label 2 is out of range")]
    [InlineData("Frame_Number,Label\n1,0\n1,1\n", 3, "must ascend")]
    [InlineData("Frame_Number,Label\n-1,0\n", 2, "negative")]
    [InlineData("Frame_Number,Label\n1\n", 2, "expected 2")]
    [InlineData("Frame_Number,Label\nx,1\n", 2, "Frame_Number: 'x' is not an integer")]
    public void Bad_content_names_file_and_line(string text, int line, string fragment)
    {
        using var dir = new TempFolder();
        string path = dir.WriteText("v.csv", text);
        var e = Assert.Throws<DatasetFormatException>(() => DvdLabelFile.Read(path));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Prediction_round_trip_writes_the_published_header()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("out", "fight_01.csv");
        var predictions = DvdLabels.Consecutive([0, 0, 1, 1, 0]);

        DvdLabelFile.WritePrediction(path, predictions);

        Assert.Equal("Frame_Number,Predicted_Label\n1,0\n2,0\n3,1\n4,1\n5,0\n", File.ReadAllText(path));
        var back = DvdLabelFile.Read(path, AnnotationFileKind.Prediction);
        Assert.Equal(predictions.FrameNumbers, back.FrameNumbers);
        Assert.Equal(predictions.Labels, back.Labels);
        Assert.Throws<DatasetFormatException>(() => DvdLabelFile.Read(path));
    }

    [Fact]
    public void Layout_lists_videos_of_each_split_with_frames_and_labels()
    {
        using var dir = new TempFolder();
        var layout = new DvdLayout(dir.Path);
        DvdLabelFile.Write(layout.LabelPath("train", "b"), DvdLabels.Consecutive([1, 1]));
        DvdLabelFile.Write(layout.LabelPath("train", "a"), DvdLabels.Consecutive([0]));
        DvdLabelFile.Write(layout.LabelPath("test", "c"), DvdLabels.Consecutive([0]));
        dir.Touch(Path.Combine("train", "frames", "a", FrameFolder.FileName(1)));
        Directory.CreateDirectory(dir.Combine("notasplit"));

        Assert.Equal(["test", "train"], layout.Splits());
        var train = layout.Entries("train");
        Assert.Equal(["a", "b"], train.Select(e => e.VideoName));
        Assert.True(train[0].HasFrames);
        Assert.False(train[1].HasFrames);
        Assert.Equal([1], FrameFolder.Scan(train[0].FramesDirectory).FrameNumbers);
        Assert.Equal([1, 1], DvdLabelFile.Read(train[1].LabelPath).Labels);
        var e = Assert.Throws<DirectoryNotFoundException>(() => layout.Entries("val"));
        Assert.Contains(Path.Combine("val", "labels"), e.Message);
    }

    [Fact]
    public void Writer_refuses_bad_labels_and_unordered_frames()
    {
        using var dir = new TempFolder();
        Assert.Throws<ArgumentOutOfRangeException>(() => DvdLabelFile.Write(dir.Combine("x.csv"), DvdLabels.Consecutive([0, 2])));
        Assert.Throws<ArgumentException>(() => DvdLabelFile.Write(dir.Combine("x.csv"), new DvdLabels([2, 1], [0, 0])));
        Assert.False(File.Exists(dir.Combine("x.csv")));
    }
}
