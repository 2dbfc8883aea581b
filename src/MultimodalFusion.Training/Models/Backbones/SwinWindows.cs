namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>
/// Window geometry shared by the TorchSharp blocks and the ONNX exporter: padding, effective shift, the relative
/// position index and the shifted-window attention mask, all as torchvision's <c>shifted_window_attention</c> defines them.
/// </summary>
/// <remarks>
/// Token maps are [batch, H, W, C]. A map is padded at the bottom/right to whole windows; a shift is dropped on an axis
/// whose padded size fits in one window. The mask keeps tokens that came from different regions of the cyclically
/// shifted map apart with an additive -100 (torchvision's value, not -inf: softmax still sees those pairs, barely).
/// </remarks>
internal static class SwinWindows
{
    /// <summary>Additive attention bias between tokens of different shifted regions (torchvision uses -100).</summary>
    public const float MaskValue = -100f;

    /// <summary>Padded size and effective shift per axis for an <paramref name="height"/> x <paramref name="width"/> map.</summary>
    public static (int PadHeight, int PadWidth, int ShiftHeight, int ShiftWidth) Geometry(int height, int width, int window, int shift)
    {
        int padHeight = height + (window - height % window) % window;
        int padWidth = width + (window - width % window) % window;
        return (padHeight, padWidth, window >= padHeight ? 0 : shift, window >= padWidth ? 0 : shift);
    }

    /// <summary>
    /// For every (query, key) pair of a window (row-major tokens, N = window²), the row of the bias table holding their
    /// relative offset: (dy + window - 1) * (2 * window - 1) + (dx + window - 1). Length N * N.
    /// </summary>
    public static long[] RelativePositionIndex(int window)
    {
        int n = window * window, side = 2 * window - 1;
        var index = new long[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int dy = i / window - j / window, dx = i % window - j % window;
                index[i * n + j] = (dy + window - 1) * side + (dx + window - 1);
            }
        }
        return index;
    }

    /// <summary>
    /// The additive mask [windows, N, N] (windows in row-major order over the padded, shifted map): 0 where query and
    /// key lie in the same region, <see cref="MaskValue"/> elsewhere. Regions are the 3 x 3 bands [0, P - window),
    /// [P - window, P - shift), [P - shift, P) per axis of the padded size P.
    /// </summary>
    public static float[] ShiftMask(int padHeight, int padWidth, int window, int shiftHeight, int shiftWidth)
    {
        var region = new int[padHeight * padWidth];
        for (int y = 0; y < padHeight; y++)
        {
            int band = Band(y, padHeight, window, shiftHeight);
            for (int x = 0; x < padWidth; x++)
                region[y * padWidth + x] = band * 3 + Band(x, padWidth, window, shiftWidth);
        }
        int rows = padHeight / window, cols = padWidth / window, n = window * window;
        var mask = new float[rows * cols * n * n];
        var labels = new int[n];
        for (int w = 0; w < rows * cols; w++)
        {
            int top = w / cols * window, left = w % cols * window;
            for (int t = 0; t < n; t++)
                labels[t] = region[(top + t / window) * padWidth + left + t % window];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                    mask[(w * n + i) * n + j] = labels[i] == labels[j] ? 0f : MaskValue;
            }
        }
        return mask;
    }

    /// <summary>Stochastic depth rate of block <paramref name="block"/> (counted over all stages) out of <paramref name="total"/>.</summary>
    public static double DropRate(double last, int block, int total) => total > 1 ? last * block / (total - 1) : 0;

    private static int Band(int position, int size, int window, int shift)
    {
        // No shift on this axis: torchvision's last slice [-0:] then covers the whole axis, so every position ends in band 2.
        if (shift == 0)
            return 2;
        if (position < size - window)
            return 0;
        return position < size - shift ? 1 : 2;
    }
}
