namespace MultimodalFusion.Cli.Features;

/// <summary>One video of a dataset to cache: where its frames, audio, transcript and annotations are.</summary>
/// <param name="Split">Split folder name (the cache's split).</param>
/// <param name="Id">Cache id: the Aff-Wild2 annotation name (<c>VIDEO</c>, <c>VIDEO_left</c>, ...) or the DVD video name.</param>
/// <param name="VideoPath">The video file, or null when the dataset has none for it.</param>
/// <param name="FramesDirectory">The per-frame image folder (Aff-Wild2 cropped-aligned faces, DVD frames), or null when absent.</param>
/// <param name="FaceCrop">True when the image extractor must see the runtime's face crop of each video frame (emotion without cropped-aligned faces).</param>
/// <param name="AudioPath">The WAV beside the dataset (<c>audio/VIDEO.wav</c>, see the layouts' <c>AudioPath</c>), or null when absent.</param>
/// <param name="TranscriptPath">The SRT beside the dataset (<c>transcripts/VIDEO.srt</c>, see the layouts' <c>TranscriptPath</c>), or null when absent.</param>
/// <param name="VaPath">Aff-Wild2 VA annotation file, or null.</param>
/// <param name="ExprPath">Aff-Wild2 EXPR annotation file, or null.</param>
/// <param name="DvdLabelPath">DVD per-frame label CSV, or null.</param>
public sealed record DatasetVideo(
    string Split, string Id, string? VideoPath, string? FramesDirectory, bool FaceCrop, string? AudioPath, string? TranscriptPath,
    string? VaPath = null, string? ExprPath = null, string? DvdLabelPath = null)
{
    /// <summary>How the video is named in logs and errors: <c>SPLIT/ID</c>.</summary>
    public string Key => $"{Split}/{Id}";
}
