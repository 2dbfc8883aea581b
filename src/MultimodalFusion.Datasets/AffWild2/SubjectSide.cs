namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>Which subject of a video an annotation describes: Aff-Wild2 annotates some videos twice (two people).</summary>
public enum SubjectSide
{
    /// <summary>The video shows one annotated subject: annotation <c>&lt;video&gt;.txt</c>.</summary>
    Single,

    /// <summary>Annotation <c>&lt;video&gt;_left.txt</c>: the left subject of <c>&lt;video&gt;.mp4</c>.</summary>
    Left,

    /// <summary>Annotation <c>&lt;video&gt;_right.txt</c>: the right subject of <c>&lt;video&gt;.mp4</c>.</summary>
    Right,
}
