namespace MultimodalFusion.Datasets.Dvd;

/// <summary>
/// Per-frame binary violence labels of one DVD video: <c>Labels[i]</c> (0 = not violent, 1 = violent) belongs to
/// frame <c>FrameNumbers[i]</c>.
/// </summary>
/// <remarks>Frame numbers ascend strictly; by this project's convention they are 1-based and name the frame
/// image <c>NNNNN.jpg</c> in the video's frame folder. Both arrays belong to this record.</remarks>
/// <param name="FrameNumbers">Strictly ascending frame numbers.</param>
/// <param name="Labels">0 or 1 per listed frame; same length.</param>
public sealed record DvdLabels(int[] FrameNumbers, int[] Labels)
{
    /// <summary>Header of a ground-truth label file.</summary>
    public const string LabelHeader = "Frame_Number,Label";

    /// <summary>Header of a prediction file.</summary>
    public const string PredictionHeader = "Frame_Number,Predicted_Label";

    /// <summary>Number of labelled frames (data lines).</summary>
    public int Count => Labels.Length;

    /// <summary>Labels for consecutive frames: frame <paramref name="firstFrameNumber"/> + i gets <paramref name="labels"/>[i].</summary>
    public static DvdLabels Consecutive(ReadOnlySpan<int> labels, int firstFrameNumber = 1)
    {
        var numbers = new int[labels.Length];
        for (int i = 0; i < numbers.Length; i++)
            numbers[i] = firstFrameNumber + i;
        return new DvdLabels(numbers, labels.ToArray());
    }

    /// <summary>
    /// A dense array over frames 1..<paramref name="frameCount"/> (index i is frame i + 1); frames without a line
    /// get <paramref name="missing"/> (-1 = ignore, the feature cache's convention).
    /// </summary>
    public int[] ToDense(int frameCount, int missing = -1)
    {
        var dense = new int[frameCount];
        Array.Fill(dense, missing);
        for (int i = 0; i < FrameNumbers.Length; i++)
        {
            int index = FrameNumbers[i] - 1;
            if ((uint)index < (uint)frameCount)
                dense[index] = Labels[i];
        }
        return dense;
    }
}
