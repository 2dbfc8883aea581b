using System.Globalization;
using MultimodalFusion.Datasets.Text;

namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// Reads and writes Aff-Wild2 EXPR files (<c>&lt;video&gt;.txt</c>: header
/// <c>Neutral,Anger,Disgust,Fear,Happiness,Sadness,Surprise,Other</c>, then one class index per frame).
/// </summary>
/// <remarks>
/// The header must name the 8 classes in that order (spaces and case tolerated). Each data line is one
/// integer 0..7, or -1 (annotations only). Errors are <see cref="DatasetFormatException"/> with the file and
/// 1-based line; BOM, CRLF and trailing blank lines are tolerated. Writing is LF, no BOM, atomic. Thread-safe.
/// </remarks>
public static class ExprFile
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static ExprAnnotation Read(string path, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = AnnotationLines.Open(path, kind == AnnotationFileKind.Annotation ? "Aff-Wild2 EXPR annotation file" : "EXPR prediction file");
        return Parse(lines, kind);
    }

    /// <summary>Parses EXPR text from <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static ExprAnnotation Parse(TextReader reader, string fileName, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = new AnnotationLines(reader, fileName);
        return Parse(lines, kind);
    }

    /// <summary>Writes ground truth: 0..7 or <see cref="ExprAnnotation.Ignore"/>.</summary>
    public static void Write(string path, ExprAnnotation annotation) =>
        Write(path, annotation.Labels, AnnotationFileKind.Annotation);

    /// <summary>Writes a challenge prediction file: every frame a class 0..7.</summary>
    public static void WritePrediction(string path, ReadOnlySpan<int> classes) =>
        Write(path, classes.ToArray(), AnnotationFileKind.Prediction);

    private static void Write(string path, int[] labels, AnnotationFileKind kind)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            if (!IsAllowed(labels[i], kind))
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i],
                    $"expression of frame {i + 1} is {labels[i]}; {Allowed(kind)} (writing {path}).");
        }
        AtomicText.Write(path, w =>
        {
            w.Write(ExprAnnotation.Header);
            w.Write('\n');
            foreach (int label in labels)
            {
                w.Write(label.ToString(CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        });
    }

    private static bool IsAllowed(int value, AnnotationFileKind kind) =>
        value is >= 0 and <= 7 || (kind == AnnotationFileKind.Annotation && value == ExprAnnotation.Ignore);

    private static string Allowed(AnnotationFileKind kind) =>
        kind == AnnotationFileKind.Annotation ? "allowed: 0..7 or -1 (ignore)" : "a prediction must be a class 0..7";

    private static ExprAnnotation Parse(AnnotationLines lines, AnnotationFileKind kind)
    {
        string header = lines.ReadHeader();
        string[] names = header.Split(',');
        bool headerOk = names.Length == ExprAnnotation.ClassNames.Count;
        for (int i = 0; headerOk && i < names.Length; i++)
            headerOk = names[i].Trim().Equals(ExprAnnotation.ClassNames[i], StringComparison.OrdinalIgnoreCase);
        if (!headerOk)
            throw new DatasetFormatException(lines.FileName, 1, $"expected the header '{ExprAnnotation.Header}', found '{AnnotationLines.Shorten(header)}'.");
        var labels = new List<int>();
        while (lines.TryReadDataLine(out string line, out int lineNumber))
        {
            string[] fields = lines.Split(line, lineNumber, 1);
            int value = lines.ParseInt(fields[0], lineNumber, "expression");
            if (!IsAllowed(value, kind))
                throw new DatasetFormatException(lines.FileName, lineNumber, $"expression {value} is out of range; {Allowed(kind)}.");
            labels.Add(value);
        }
        return new ExprAnnotation([.. labels]);
    }
}
