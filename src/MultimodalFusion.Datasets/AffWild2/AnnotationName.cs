namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// An Aff-Wild2 annotation name (file name without <c>.txt</c>) split into the video it belongs to and the subject.
/// </summary>
/// <remarks>
/// <c>10-60-1280x720_left</c> maps to video <c>10-60-1280x720</c> (file <c>10-60-1280x720.mp4</c> or .avi),
/// <see cref="SubjectSide.Left"/>. The cropped-aligned frame folder keeps the full annotation name
/// (<c>cropped_aligned/10-60-1280x720_left/</c>), because each subject has its own face track.
/// The suffix match is case-sensitive, as the published file names are lower case.
/// </remarks>
/// <param name="Name">The annotation name, e.g. <c>10-60-1280x720_left</c>.</param>
/// <param name="VideoName">The video file name without extension, e.g. <c>10-60-1280x720</c>.</param>
/// <param name="Subject">Which subject.</param>
public sealed record AnnotationName(string Name, string VideoName, SubjectSide Subject)
{
    private const string LeftSuffix = "_left";
    private const string RightSuffix = "_right";

    /// <summary>Splits <paramref name="name"/> (a file name with or without <c>.txt</c>, or a path).</summary>
    public static AnnotationName Parse(string name)
    {
        string stem = Path.GetFileName(name);
        if (stem.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            stem = stem[..^4];
        if (stem.Length == 0)
            throw new ArgumentException($"'{name}' has no annotation name.", nameof(name));
        if (stem.EndsWith(LeftSuffix, StringComparison.Ordinal) && stem.Length > LeftSuffix.Length)
            return new AnnotationName(stem, stem[..^LeftSuffix.Length], SubjectSide.Left);
        if (stem.EndsWith(RightSuffix, StringComparison.Ordinal) && stem.Length > RightSuffix.Length)
            return new AnnotationName(stem, stem[..^RightSuffix.Length], SubjectSide.Right);
        return new AnnotationName(stem, stem, SubjectSide.Single);
    }

    /// <summary>The annotation name for <paramref name="videoName"/> and <paramref name="subject"/>.</summary>
    public static AnnotationName For(string videoName, SubjectSide subject) => subject switch
    {
        SubjectSide.Left => new AnnotationName(videoName + LeftSuffix, videoName, subject),
        SubjectSide.Right => new AnnotationName(videoName + RightSuffix, videoName, subject),
        _ => new AnnotationName(videoName, videoName, subject),
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
