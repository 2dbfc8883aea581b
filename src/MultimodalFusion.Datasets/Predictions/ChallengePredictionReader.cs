using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Predictions;

/// <summary>
/// Reads a folder of challenge prediction files (as <see cref="ChallengePredictionWriter"/> writes them) for
/// scoring against the ground truth.
/// </summary>
/// <remarks>
/// A prediction must cover every frame of its ground truth: with an expected frame count, a file with another
/// number of lines is a <see cref="DatasetFormatException"/> naming it. Format errors name the file and line; a
/// missing file is a <see cref="FileNotFoundException"/> naming it. Stateless apart from the folder; thread-safe.
/// </remarks>
public sealed class ChallengePredictionReader
{
    /// <summary>Creates the reader over <paramref name="directory"/>.</summary>
    public ChallengePredictionReader(string directory) => Directory = Path.GetFullPath(directory);

    /// <summary>The prediction folder.</summary>
    public string Directory { get; }

    /// <summary>Reads <c>NAME.txt</c> as a VA prediction; <paramref name="expectedFrames"/> is the ground truth's line count.</summary>
    public VaAnnotation ReadVa(string name, int? expectedFrames = null)
    {
        string path = PathFor(name, ".txt");
        VaAnnotation va = VaFile.Read(path, AnnotationFileKind.Prediction);
        CheckCount(path, va.FrameCount, expectedFrames);
        return va;
    }

    /// <summary>Reads <c>NAME.txt</c> as an EXPR prediction.</summary>
    public ExprAnnotation ReadExpr(string name, int? expectedFrames = null)
    {
        string path = PathFor(name, ".txt");
        ExprAnnotation expr = ExprFile.Read(path, AnnotationFileKind.Prediction);
        CheckCount(path, expr.FrameCount, expectedFrames);
        return expr;
    }

    /// <summary>Reads <c>VIDEO.csv</c> as a DVD prediction.</summary>
    public DvdLabels ReadViolence(string video, int? expectedFrames = null)
    {
        string path = PathFor(video, ".csv");
        DvdLabels labels = DvdLabelFile.Read(path, AnnotationFileKind.Prediction);
        CheckCount(path, labels.Count, expectedFrames);
        return labels;
    }

    /// <summary>The names among <paramref name="names"/> that have no <c>NAME + extension</c> file here (extension with its dot).</summary>
    public IReadOnlyList<string> Missing(IEnumerable<string> names, string extension) =>
        names.Where(n => !File.Exists(PathFor(n, extension))).ToList();

    private static void CheckCount(string path, int frames, int? expected)
    {
        if (expected is { } e && frames != e)
            throw new DatasetFormatException(path, null, $"the prediction has {frames} frames, the ground truth has {e}; predict every frame.");
    }

    private string PathFor(string name, string extension)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or "..")
            throw new ArgumentException($"'{name}' is not a plain file name.", nameof(name));
        return Path.Combine(Directory, name + extension);
    }
}
