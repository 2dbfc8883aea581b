using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>Colour arithmetic that OpenCvSharp's <see cref="Scalar"/> lacks (per channel, BGR).</summary>
internal static class ColorMath
{
    /// <summary><paramref name="color"/> with every channel times <paramref name="factor"/>.</summary>
    public static Scalar Scale(Scalar color, double factor) =>
        new(color.Val0 * factor, color.Val1 * factor, color.Val2 * factor, color.Val3);

    /// <summary>The mix (1 - t) * a + t * b.</summary>
    public static Scalar Blend(Scalar a, Scalar b, double t) =>
        new(a.Val0 + (b.Val0 - a.Val0) * t, a.Val1 + (b.Val1 - a.Val1) * t, a.Val2 + (b.Val2 - a.Val2) * t, a.Val3);
}
