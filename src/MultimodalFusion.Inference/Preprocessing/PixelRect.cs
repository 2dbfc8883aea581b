namespace MultimodalFusion.Inference.Preprocessing;

/// <summary>An axis-aligned rectangle in pixel coordinates of a frame (X, Y = top-left corner).</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>The horizontal centre in pixels.</summary>
    public double CenterX => X + Width / 2.0;

    /// <summary>The vertical centre in pixels.</summary>
    public double CenterY => Y + Height / 2.0;

    /// <summary>True when the rectangle has a positive area and lies inside a <paramref name="width"/> x <paramref name="height"/> frame.</summary>
    public bool FitsIn(int width, int height) => Width > 0 && Height > 0 && X >= 0 && Y >= 0 && X + Width <= width && Y + Height <= height;

    /// <summary>
    /// A square around this box's centre whose side is the longer side times (1 + 2 * <paramref name="margin"/>),
    /// shifted (and, when larger than the frame, shrunk) to stay inside a <paramref name="frameWidth"/> x <paramref name="frameHeight"/> frame.
    /// </summary>
    public PixelRect SquareWithMargin(float margin, int frameWidth, int frameHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        int side = (int)Math.Round(Math.Max(Width, Height) * (1 + 2 * margin));
        side = Math.Min(side, Math.Min(frameWidth, frameHeight));
        int x = (int)Math.Round(CenterX - side / 2.0);
        int y = (int)Math.Round(CenterY - side / 2.0);
        x = Math.Clamp(x, 0, frameWidth - side);
        y = Math.Clamp(y, 0, frameHeight - side);
        return new PixelRect(x, y, side, side);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Width}x{Height}@({X},{Y})";
}
