namespace MultimodalFusion.Datasets.Dvd;

/// <summary>One DVD video of a split: its label file and its frame folder.</summary>
/// <param name="VideoName">The video name (label file name without <c>.csv</c>).</param>
/// <param name="Split">The split folder name.</param>
/// <param name="LabelPath">The ground-truth CSV.</param>
/// <param name="FramesDirectory">The frame folder; it may not exist.</param>
public sealed record DvdEntry(string VideoName, string Split, string LabelPath, string FramesDirectory)
{
    /// <summary>True when the frame folder exists.</summary>
    public bool HasFrames => Directory.Exists(FramesDirectory);
}
