using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Predictions;

/// <summary>
/// Writes a folder of challenge prediction files, one per video, in the formats the challenges read.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Aff-Wild2 VA: <c>OUT/NAME.txt</c>, header <c>valence,arousal</c>, one line per frame, values in [-1, 1].</item>
/// <item>Aff-Wild2 EXPR: <c>OUT/NAME.txt</c>, header of the 8 class names, one class index 0..7 per frame.</item>
/// <item>DVD: <c>OUT/VIDEO.csv</c>, header <c>Frame_Number,Predicted_Label</c>, one line per frame, label 0/1.</item>
/// </list>
/// NAME is the annotation name (<c>VIDEO</c>, <c>VIDEO_left</c>, <c>VIDEO_right</c>). Line i + 1 after the header is
/// frame i + 1, so a prediction must cover every frame of the video, including frames without a face (carry
/// the nearest prediction over them). Each file is written atomically. Thread-safe (one file per call).
/// </remarks>
public sealed class ChallengePredictionWriter
{
    /// <summary>Creates the writer; the folder is created on the first write.</summary>
    public ChallengePredictionWriter(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The output folder.</summary>
    public string Directory { get; }

    /// <summary>Writes the VA prediction of annotation <paramref name="name"/>; returns the file path.</summary>
    public string WriteVa(string name, ReadOnlySpan<float> valence, ReadOnlySpan<float> arousal)
    {
        string path = PathFor(name, ".txt");
        VaFile.WritePrediction(path, valence, arousal);
        return path;
    }

    /// <summary>Writes the EXPR prediction of annotation <paramref name="name"/>; returns the file path.</summary>
    public string WriteExpr(string name, ReadOnlySpan<int> classes)
    {
        string path = PathFor(name, ".txt");
        ExprFile.WritePrediction(path, classes);
        return path;
    }

    /// <summary>Writes the DVD prediction of <paramref name="video"/> for consecutive frames from <paramref name="firstFrameNumber"/>.</summary>
    public string WriteViolence(string video, ReadOnlySpan<int> labels, int firstFrameNumber = 1)
    {
        string path = PathFor(video, ".csv");
        DvdLabelFile.WritePrediction(path, DvdLabels.Consecutive(labels, firstFrameNumber));
        return path;
    }

    private string PathFor(string name, string extension)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        return Path.Combine(Directory, name + extension);
    }
}
