using OpenCvSharp;

namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>Measurements on the written frames.</summary>
internal static class ImageMeasure
{
    /// <summary>
    /// Mouth curvature in a face crop: in the mouth box (below the nose, around the crop's centre line), the
    /// darkness-weighted row centroid of each column, fitted by a parabola over the column offset; returns minus
    /// its quadratic coefficient (positive = corners higher than the middle = a smile), or NaN when no mouth is seen.
    /// </summary>
    public static double MouthCurvature(string cropPath)
    {
        using var image = Cv2.ImRead(cropPath, ImreadModes.Grayscale);
        int size = image.Width;
        double scale = size / 112.0;
        int x0 = (int)(38 * scale), x1 = (int)(74 * scale), y0 = (int)(68 * scale), y1 = (int)(94 * scale);
        var u = new List<double>();
        var y = new List<double>();
        for (int x = x0; x <= x1; x++)
        {
            double weight = 0, sum = 0;
            for (int r = y0; r <= y1; r++)
            {
                double dark = Math.Max(0, 85 - image.At<byte>(r, x));
                weight += dark;
                sum += dark * r;
            }
            if (weight > 20)
            {
                u.Add((x - size / 2.0) / (16 * scale));
                y.Add(sum / weight);
            }
        }
        return u.Count < 8 ? double.NaN : -Stats.QuadraticCoefficient(u, y);
    }

    /// <summary>Share of near-white pixels (eye whites) in the upper half of a crop.</summary>
    public static double EyeWhiteShare(string cropPath)
    {
        using var image = Cv2.ImRead(cropPath, ImreadModes.Grayscale);
        using var upper = new Mat(image, new Rect(0, 0, image.Width, image.Height / 2));
        using var mask = new Mat();
        Cv2.Threshold(upper, mask, 225, 255, ThresholdTypes.Binary);
        return (double)Cv2.CountNonZero(mask) / (upper.Width * upper.Height);
    }

    /// <summary>Mean absolute difference per pixel and channel between two images, 0..255.</summary>
    public static double MeanAbsDiff(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var mean = Cv2.Mean(diff);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }

    /// <summary>Motion energy of each frame of a 1-based JPEG folder: the mean absolute difference to the previous frame (frame 1: 0).</summary>
    public static double[] MotionEnergy(string framesDirectory, int frames)
    {
        var energy = new double[frames];
        Mat? previous = null;
        for (int n = 1; n <= frames; n++)
        {
            var current = Cv2.ImRead(Path.Combine(framesDirectory, $"{n:D5}.jpg"));
            Assert.False(current.Empty(), $"frame {n} missing in {framesDirectory}");
            energy[n - 1] = previous is null ? 0 : MeanAbsDiff(previous, current);
            previous?.Dispose();
            previous = current;
        }
        previous?.Dispose();
        return energy;
    }
}
