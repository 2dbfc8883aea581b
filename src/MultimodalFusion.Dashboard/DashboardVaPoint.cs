namespace MultimodalFusion.Dashboard;

/// <summary>One point of a camera's valence/arousal history.</summary>
/// <param name="TimestampMicros">Pipeline clock, int64 microseconds.</param>
/// <param name="Valence">Valence in [-1, 1].</param>
/// <param name="Arousal">Arousal in [-1, 1].</param>
public readonly record struct DashboardVaPoint(long TimestampMicros, float Valence, float Arousal);
