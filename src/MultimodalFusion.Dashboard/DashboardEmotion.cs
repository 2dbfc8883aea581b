namespace MultimodalFusion.Dashboard;

/// <summary>One emotion estimate of one camera: a valence/arousal point and, optionally, expression probabilities.</summary>
/// <param name="Camera">Camera id.</param>
/// <param name="TimestampMicros">Window end on the pipeline clock (int64 microseconds, <c>IClock</c>); must not go back per camera.</param>
/// <param name="Valence">Valence in [-1, 1].</param>
/// <param name="Arousal">Arousal in [-1, 1].</param>
/// <param name="Expressions">Expression probabilities (usually 8), or null when the model gives none.</param>
/// <param name="ExpressionLabels">Names of <paramref name="Expressions"/> in order; null: <see cref="DefaultExpressionLabels"/>.</param>
/// <remarks>The lists are copied by <see cref="DashboardFeed.PublishEmotion"/>; the caller may reuse them afterwards.</remarks>
public sealed record DashboardEmotion(
    string Camera,
    long TimestampMicros,
    float Valence,
    float Arousal,
    IReadOnlyList<float>? Expressions = null,
    IReadOnlyList<string>? ExpressionLabels = null)
{
    /// <summary>The Aff-Wild2 expression order, used when <see cref="ExpressionLabels"/> is null.</summary>
    public static IReadOnlyList<string> DefaultExpressionLabels { get; } =
        ["Neutral", "Anger", "Disgust", "Fear", "Happiness", "Sadness", "Surprise", "Other"];
}
