using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Rendering;

/// <summary>The fixed look of one synthetic person: colours and the room behind them (BGR).</summary>
internal sealed record FaceAppearance(Scalar Skin, Scalar Hair, Scalar Iris, Scalar Lips, Scalar Wall, Scalar Furniture)
{
    private static readonly Scalar[] s_skins = [new(160, 190, 230), new(120, 160, 210), new(90, 130, 180), new(70, 100, 140), new(180, 205, 240)];
    private static readonly Scalar[] s_hairs = [new(20, 30, 40), new(30, 60, 110), new(60, 60, 60), new(40, 90, 160), new(15, 15, 20)];
    private static readonly Scalar[] s_irises = [new(90, 60, 30), new(40, 70, 40), new(30, 40, 60), new(120, 90, 40)];

    /// <summary>A random person.</summary>
    public static FaceAppearance Draw(Random random)
    {
        var wall = new Scalar(random.Next(60, 200), random.Next(60, 200), random.Next(60, 200));
        var furniture = new Scalar(random.Next(20, 120), random.Next(20, 120), random.Next(20, 120));
        // Lips stay much darker than any skin tone so the mouth line is always visible.
        var lips = new Scalar(random.Next(20, 50), random.Next(20, 40), random.Next(60, 90));
        return new FaceAppearance(random.Pick(s_skins), random.Pick(s_hairs), random.Pick(s_irises), lips, wall, furniture);
    }
}
