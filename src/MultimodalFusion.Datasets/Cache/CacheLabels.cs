using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>Turns dataset annotations into the cache's per-frame label arrays and frame timestamps.</summary>
/// <remarks>
/// Conventions: annotation line i + 1 after the header (frame number i + 1) becomes cache row i; ignored frames
/// become NaN (VA) or -1 (EXPR, violence). Aff-Wild2 annotation files do not always have exactly one line per
/// video frame; the cache's T is the annotation's line count, and the caller decides how to treat video frames
/// beyond it. Every method returns a new array owned by the caller. Thread-safe.
/// </remarks>
public static class CacheLabels
{
    /// <summary>T x 2 row-major (valence, arousal); a frame with -5 in either value becomes (NaN, NaN).</summary>
    public static float[] FromVa(VaAnnotation annotation)
    {
        var va = new float[annotation.FrameCount * 2];
        for (int i = 0; i < annotation.FrameCount; i++)
        {
            bool labelled = annotation.IsLabelled(i);
            va[2 * i] = labelled ? annotation.Valence[i] : float.NaN;
            va[2 * i + 1] = labelled ? annotation.Arousal[i] : float.NaN;
        }
        return va;
    }

    /// <summary>T class indices, -1 where not annotated (a copy of the annotation's labels).</summary>
    public static int[] FromExpr(ExprAnnotation annotation) => (int[])annotation.Labels.Clone();

    /// <summary>Violence labels for frames 1..<paramref name="frameCount"/>; frames without a line get -1.</summary>
    public static int[] FromDvd(DvdLabels labels, int frameCount) => labels.ToDense(frameCount, missing: -1);

    /// <summary>T x 2 VA labels that are all ignored (NaN): for a video of a multi-task cache that lacks VA annotations.</summary>
    public static float[] IgnoredVa(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var va = new float[frameCount * 2];
        Array.Fill(va, float.NaN);
        return va;
    }

    /// <summary>T class labels that are all ignored (-1): for a video that lacks expression or violence annotations.</summary>
    public static int[] IgnoredClasses(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var labels = new int[frameCount];
        Array.Fill(labels, -1);
        return labels;
    }

    /// <summary>
    /// Timestamps in microseconds of frames 0..<paramref name="frameCount"/>-1 at a constant <paramref name="framesPerSecond"/>:
    /// round(i * 1e6 / fps), so frame 0 is at 0.
    /// </summary>
    public static long[] FrameTimestamps(int frameCount, double framesPerSecond)
    {
        if (!(framesPerSecond > 0) || !double.IsFinite(framesPerSecond))
            throw new ArgumentOutOfRangeException(nameof(framesPerSecond), framesPerSecond, "frame rate must be a finite number > 0.");
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        var t = new long[frameCount];
        for (int i = 0; i < frameCount; i++)
            t[i] = FrameTimestamp(i, framesPerSecond);
        return t;
    }

    /// <summary>
    /// The timestamp in microseconds of 0-based frame <paramref name="frameIndex"/> at <paramref name="framesPerSecond"/>
    /// (> 0, not checked here: the per-frame hot path): round(i * 1e6 / fps), the one rounding rule of the cache timeline.
    /// </summary>
    public static long FrameTimestamp(int frameIndex, double framesPerSecond) =>
        (long)Math.Round(frameIndex * 1_000_000.0 / framesPerSecond);
}
