namespace MultimodalFusion.Core.Packets;

/// <summary>Layout of a frame's pixels; rows are packed (stride = width * bytes per pixel).</summary>
public enum PixelFormat
{
    /// <summary>8-bit blue, green, red; OpenCV's native order.</summary>
    Bgr24 = 0,
    /// <summary>8-bit red, green, blue.</summary>
    Rgb24 = 1,
    /// <summary>8-bit grey.</summary>
    Gray8 = 2,
}

/// <summary>Sizes of <see cref="PixelFormat"/> values.</summary>
public static class PixelFormats
{
    /// <summary>Bytes per pixel of <paramref name="format"/>.</summary>
    public static int BytesPerPixel(this PixelFormat format) => format switch
    {
        PixelFormat.Bgr24 or PixelFormat.Rgb24 => 3,
        PixelFormat.Gray8 => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pixel format."),
    };

    /// <summary>Bytes of one packed frame.</summary>
    public static int FrameBytes(this PixelFormat format, int width, int height) => checked(width * height * format.BytesPerPixel());
}
