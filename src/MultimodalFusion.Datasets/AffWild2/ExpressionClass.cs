namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>The 8 expression classes of the Aff-Wild2 EXPR challenge, numbered as in its annotation files.</summary>
/// <remarks>The numbers are the integers written per frame; -1 (<see cref="ExprAnnotation.Ignore"/>) marks an unannotated frame.</remarks>
public enum ExpressionClass
{
    /// <summary>0</summary>
    Neutral = 0,
    /// <summary>1</summary>
    Anger = 1,
    /// <summary>2</summary>
    Disgust = 2,
    /// <summary>3</summary>
    Fear = 3,
    /// <summary>4</summary>
    Happiness = 4,
    /// <summary>5</summary>
    Sadness = 5,
    /// <summary>6</summary>
    Surprise = 6,
    /// <summary>7</summary>
    Other = 7,
}
