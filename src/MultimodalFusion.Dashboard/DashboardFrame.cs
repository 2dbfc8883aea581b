namespace MultimodalFusion.Dashboard;

/// <summary>The latest annotated frame of one camera, JPEG encoded.</summary>
/// <param name="Camera">Camera id.</param>
/// <param name="Jpeg">
/// The JPEG bytes. The feed's own copy: never mutated nor pooled, valid for as long as it is referenced
/// (a newer frame replaces the reference, not the bytes).
/// </param>
/// <param name="TimestampMicros">Capture time on the pipeline clock (int64 microseconds).</param>
/// <param name="Sequence">How many frames this camera has published, this one included.</param>
public sealed record DashboardFrame(string Camera, ReadOnlyMemory<byte> Jpeg, long TimestampMicros, long Sequence);
