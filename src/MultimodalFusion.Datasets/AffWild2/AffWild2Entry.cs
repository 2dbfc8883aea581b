namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>One annotated subject track of one split: its annotation file, its video and its cropped-aligned frames.</summary>
/// <param name="Name">Annotation name, video name and subject side.</param>
/// <param name="Split">Split folder name (<see cref="AffWild2Splits"/>).</param>
/// <param name="AnnotationPath">The <c>.txt</c> annotation file.</param>
/// <param name="VideoPath">The video file (<c>.mp4</c> or <c>.avi</c>) or null when the videos folder lacks it.</param>
/// <param name="FramesDirectory">The cropped-aligned folder for this subject; it may not exist.</param>
public sealed record AffWild2Entry(AnnotationName Name, string Split, string AnnotationPath, string? VideoPath, string FramesDirectory)
{
    /// <summary>True when the cropped-aligned folder exists.</summary>
    public bool HasFrames => Directory.Exists(FramesDirectory);
}
