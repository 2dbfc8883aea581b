using MultimodalFusion.Datasets.AffWild2;

namespace MultimodalFusion.Datasets.Tests.AffWild2;

public class FrameFolderAndLayoutTests
{
    [Fact]
    public void Frame_folder_reports_existing_and_missing_frames_and_ignores_other_files()
    {
        using var dir = new TempFolder();
        foreach (int n in new[] { 1, 2, 4, 7 })
            dir.Touch(Path.Combine("v", FrameFolder.FileName(n)));
        dir.Touch("v/1.jpg");
        dir.Touch("v/00003.png");
        dir.Touch("v/000005.jpg");
        dir.Touch("v/00000.jpg");
        dir.Touch("v/00008.JPG");

        FrameFolder folder = FrameFolder.Scan(dir.Combine("v"));

        Assert.Equal([1, 2, 4, 7, 8], folder.FrameNumbers);
        Assert.Equal(4, folder.OtherFiles);
        Assert.Equal([3, 5, 6, 9, 10], folder.MissingUpTo(10));
        Assert.Equal(8, folder.LastFrameNumber);
        Assert.True(folder.Contains(7));
        Assert.False(folder.Contains(3));
        Assert.Equal(Path.Combine(dir.Combine("v"), "00012.jpg"), folder.PathOf(12));
    }

    [Fact]
    public void Frame_names_have_five_digits_and_start_at_one()
    {
        Assert.Equal("00001.jpg", FrameFolder.FileName(1));
        Assert.Equal("12345.jpg", FrameFolder.FileName(12345));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameFolder.FileName(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameFolder.FileName(100000));
        var e = Assert.Throws<DirectoryNotFoundException>(() => FrameFolder.Scan("/no/such/frames"));
        Assert.Contains("/no/such/frames", e.Message);
    }

    [Theory]
    [InlineData("10-60-1280x720_left.txt", "10-60-1280x720_left", "10-60-1280x720", SubjectSide.Left)]
    [InlineData("/a/b/10-60-1280x720_right", "10-60-1280x720_right", "10-60-1280x720", SubjectSide.Right)]
    [InlineData("118-30-640x480.txt", "118-30-640x480", "118-30-640x480", SubjectSide.Single)]
    [InlineData("_left", "_left", "_left", SubjectSide.Single)]
    public void Annotation_names_map_to_their_video(string input, string name, string video, SubjectSide side)
    {
        var parsed = AnnotationName.Parse(input);
        Assert.Equal(new AnnotationName(name, video, side), parsed);
        Assert.Equal(parsed, AnnotationName.For(video, side));
    }

    [Fact]
    public void Layout_lists_entries_with_left_and_right_sharing_one_video()
    {
        using var dir = new TempFolder();
        var layout = new AffWild2Layout(dir.Path);
        foreach (string name in new[] { "1-30-1280x720_left", "1-30-1280x720_right", "2-25-640x360" })
        {
            var an = AnnotationName.Parse(name);
            VaFile.Write(layout.AnnotationPath(AffWild2Challenge.VA, AffWild2Splits.Train, an), new VaAnnotation([0f], [0f]));
        }
        dir.Touch("videos/batch1/1-30-1280x720.mp4");
        dir.Touch("videos/batch2/2-25-640x360.avi");
        dir.Touch(Path.Combine("cropped_aligned", "1-30-1280x720_left", "00001.jpg"));

        var entries = layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Train);

        Assert.Equal(["1-30-1280x720_left", "1-30-1280x720_right", "2-25-640x360"], entries.Select(e => e.Name.Name));
        Assert.Equal(dir.Combine("videos", "batch1", "1-30-1280x720.mp4"), entries[0].VideoPath);
        Assert.Equal(entries[0].VideoPath, entries[1].VideoPath);
        Assert.Equal(dir.Combine("videos", "batch2", "2-25-640x360.avi"), entries[2].VideoPath);
        Assert.True(entries[0].HasFrames);
        Assert.False(entries[1].HasFrames);
        Assert.Equal(dir.Combine("cropped_aligned", "1-30-1280x720_right"), entries[1].FramesDirectory);
        Assert.Equal(dir.Combine("annotations", "VA_Estimation_Challenge", "Train_Set", "2-25-640x360.txt"), entries[2].AnnotationPath);
    }

    [Fact]
    public void Layout_finds_published_folder_variants_and_names_a_missing_split()
    {
        using var dir = new TempFolder();
        var layout = new AffWild2Layout(dir.Path);
        dir.WriteText("EXPR_Classification_Challenge/Validation_Set/9-15-320x240.txt", ExprAnnotation.Header + "\n1\n");
        dir.WriteText("6th ABAW Annotations/VA_Estimation_Challenge/Validation_Set/8.txt", "valence,arousal\n0,0\n");
        dir.WriteText("Annotations/VA_Set/Train_Set/old.txt", "valence,arousal\n0,0\n");

        var expr = layout.Entries(AffWild2Challenge.EXPR, AffWild2Splits.Validation);
        var va = layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Validation);

        Assert.Equal("9-15-320x240", Assert.Single(expr).Name.VideoName);
        Assert.Null(expr[0].VideoPath);
        Assert.Equal([1], ExprFile.Read(expr[0].AnnotationPath).Labels);
        Assert.Equal("8", Assert.Single(va).Name.Name);
        Assert.Equal("old", Assert.Single(layout.Entries(AffWild2Challenge.VA, AffWild2Splits.Train)).Name.Name);
        var e = Assert.Throws<DirectoryNotFoundException>(() => layout.Entries(AffWild2Challenge.EXPR, AffWild2Splits.Train));
        Assert.Contains("EXPR_Recognition_Challenge/Train_Set", e.Message);
        Assert.Contains("EXPR_Set", e.Message);
        Assert.Contains(layout.Root, e.Message);
    }
}
