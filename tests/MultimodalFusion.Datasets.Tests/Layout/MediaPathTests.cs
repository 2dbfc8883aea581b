using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Tests.Layout;

/// <summary>The audio, transcript and video conventions both layouts own (used by mmf synth and mmf features).</summary>
public class MediaPathTests
{
    [Fact]
    public void AffWild2_audio_and_transcript_sit_beside_the_videos_one_per_video()
    {
        using var dir = new TempFolder();
        var layout = new AffWild2Layout(dir.Path);

        Assert.Equal(dir.Combine("audio", "10-60-1280x720.wav"), layout.AudioPath("10-60-1280x720"));
        Assert.Equal(dir.Combine("transcripts", "10-60-1280x720.srt"), layout.TranscriptPath("10-60-1280x720"));
        Assert.Equal(dir.Combine("audio"), layout.AudioDirectory);
        Assert.Equal(dir.Combine("transcripts"), layout.TranscriptsDirectory);
    }

    [Theory]
    [InlineData("10-60-1280x720_left")]
    [InlineData("10-60-1280x720_right")]
    [InlineData("10-60-1280x720")]
    public void AffWild2_subject_names_map_to_their_videos_audio_and_transcript(string annotation)
    {
        using var dir = new TempFolder();
        var layout = new AffWild2Layout(dir.Path);
        var name = AnnotationName.Parse(annotation + ".txt");

        Assert.Equal(dir.Combine("audio", "10-60-1280x720.wav"), layout.AudioPath(name));
        Assert.Equal(dir.Combine("transcripts", "10-60-1280x720.srt"), layout.TranscriptPath(name));
        // The face track stays per subject: only audio and transcript are shared.
        Assert.Equal(dir.Combine("cropped_aligned", annotation), layout.FramesDirectory(name));
    }

    [Fact]
    public void AffWild2_find_returns_null_until_the_file_exists()
    {
        using var dir = new TempFolder();
        var layout = new AffWild2Layout(dir.Path);
        var left = AnnotationName.Parse("v1_left");

        Assert.Null(layout.FindAudio(left));
        Assert.Null(layout.FindTranscript(left));
        dir.Touch("audio/v1.wav");
        dir.Touch("transcripts/v1.srt");

        Assert.Equal(dir.Combine("audio", "v1.wav"), layout.FindAudio(left));
        Assert.Equal(dir.Combine("transcripts", "v1.srt"), layout.FindTranscript(AnnotationName.Parse("v1_right")));
        Assert.Null(layout.FindAudio(AnnotationName.Parse("v2")));
    }

    [Fact]
    public void Dvd_media_paths_are_per_split_and_video_prefers_mp4_then_avi()
    {
        using var dir = new TempFolder();
        var layout = new DvdLayout(dir.Path);

        Assert.Equal(dir.Combine("train", "audio", "c1.wav"), layout.AudioPath("train", "c1"));
        Assert.Equal(dir.Combine("val", "transcripts", "c1.srt"), layout.TranscriptPath("val", "c1"));
        Assert.Equal(dir.Combine("train", "videos", "c1.mp4"), layout.VideoPath("train", "c1"));
        Assert.Null(layout.FindVideo("train", "c1"));
        Assert.Null(layout.FindAudio("train", "c1"));
        Assert.Null(layout.FindTranscript("train", "c1"));

        dir.Touch("train/videos/c1.avi");
        Assert.Equal(dir.Combine("train", "videos", "c1.avi"), layout.FindVideo("train", "c1"));
        dir.Touch("train/videos/c1.mp4");
        Assert.Equal(dir.Combine("train", "videos", "c1.mp4"), layout.FindVideo("train", "c1"));
        dir.Touch("train/audio/c1.wav");
        dir.Touch("train/transcripts/c1.srt");
        Assert.Equal(dir.Combine("train", "audio", "c1.wav"), layout.FindAudio("train", "c1"));
        Assert.Equal(dir.Combine("train", "transcripts", "c1.srt"), layout.FindTranscript("train", "c1"));
        Assert.Null(layout.FindAudio("val", "c1"));
    }

    [Fact]
    public void Both_layouts_share_one_video_extension_list()
    {
        Assert.Same(MediaFiles.VideoExtensions, AffWild2Layout.VideoExtensions);
        Assert.Equal([".mp4", ".avi"], MediaFiles.VideoExtensions);
    }

    [Theory]
    [InlineData(0, 30.0, 0L)]
    [InlineData(1, 30.0, 33_333L)]
    [InlineData(2, 30.0, 66_667L)]
    [InlineData(3, 29.97, 100_100L)]
    [InlineData(25, 25.0, 1_000_000L)]
    public void Frame_timestamp_rounds_to_the_nearest_microsecond_and_matches_the_series(int index, double fps, long expected)
    {
        Assert.Equal(expected, CacheLabels.FrameTimestamp(index, fps));
        Assert.Equal(expected, CacheLabels.FrameTimestamps(index + 1, fps)[index]);
    }
}
