using System.Globalization;
using MultimodalFusion.Datasets.Text;

namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>Reads and writes Aff-Wild2 VA files (<c>&lt;video&gt;.txt</c>: header <c>valence,arousal</c>, one line per frame).</summary>
/// <remarks>
/// Reading is strict where a wrong value would train a wrong model: the header must be <c>valence,arousal</c>
/// (spaces and case tolerated), each line exactly two numbers, each in [-1, 1] or -5 (annotations only).
/// Errors are <see cref="DatasetFormatException"/> with the file and 1-based line. Tolerated: BOM, CRLF,
/// trailing blank lines. Writing uses LF, no BOM, shortest round-trip numbers, and is atomic. Stateless, thread-safe.
/// </remarks>
public static class VaFile
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static VaAnnotation Read(string path, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = AnnotationLines.Open(path, kind == AnnotationFileKind.Annotation ? "Aff-Wild2 VA annotation file" : "VA prediction file");
        return Parse(lines, kind);
    }

    /// <summary>Parses VA text from <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static VaAnnotation Parse(TextReader reader, string fileName, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = new AnnotationLines(reader, fileName);
        return Parse(lines, kind);
    }

    /// <summary>Writes ground truth: values in [-1, 1] or <see cref="VaAnnotation.Ignore"/>.</summary>
    public static void Write(string path, VaAnnotation annotation) =>
        Write(path, annotation.Valence, annotation.Arousal, AnnotationFileKind.Annotation);

    /// <summary>Writes a challenge prediction file: every value in [-1, 1] (no ignore value).</summary>
    public static void WritePrediction(string path, ReadOnlySpan<float> valence, ReadOnlySpan<float> arousal) =>
        Write(path, valence.ToArray(), arousal.ToArray(), AnnotationFileKind.Prediction);

    private static void Write(string path, float[] valence, float[] arousal, AnnotationFileKind kind)
    {
        if (valence.Length != arousal.Length)
            throw new ArgumentException($"valence has {valence.Length} frames but arousal has {arousal.Length} (writing {path}).");
        for (int i = 0; i < valence.Length; i++)
        {
            CheckValue(valence[i], kind, path, i, "valence");
            CheckValue(arousal[i], kind, path, i, "arousal");
        }
        AtomicText.Write(path, w =>
        {
            w.Write(VaAnnotation.Header);
            w.Write('\n');
            for (int i = 0; i < valence.Length; i++)
            {
                w.Write(valence[i].ToString(CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(arousal[i].ToString(CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        });
    }

    private static void CheckValue(float value, AnnotationFileKind kind, string path, int index, string column)
    {
        bool ok = value is >= -1f and <= 1f || (kind == AnnotationFileKind.Annotation && value == VaAnnotation.Ignore);
        if (!ok)
            throw new ArgumentOutOfRangeException(column, value,
                $"{column} of frame {index + 1} is {value}; {Allowed(kind)} (writing {path}).");
    }

    private static string Allowed(AnnotationFileKind kind) =>
        kind == AnnotationFileKind.Annotation ? "allowed: [-1, 1] or -5 (ignore)" : "a prediction must be in [-1, 1]";

    private static VaAnnotation Parse(AnnotationLines lines, AnnotationFileKind kind)
    {
        string header = lines.ReadHeader();
        string[] names = header.Split(',');
        if (names.Length != 2 || !names[0].Trim().Equals("valence", StringComparison.OrdinalIgnoreCase)
                              || !names[1].Trim().Equals("arousal", StringComparison.OrdinalIgnoreCase))
            throw new DatasetFormatException(lines.FileName, 1, $"expected the header '{VaAnnotation.Header}', found '{AnnotationLines.Shorten(header)}'.");
        var valence = new List<float>();
        var arousal = new List<float>();
        while (lines.TryReadDataLine(out string line, out int lineNumber))
        {
            string[] fields = lines.Split(line, lineNumber, 2);
            valence.Add(ParseValue(lines, fields[0], lineNumber, "valence", kind));
            arousal.Add(ParseValue(lines, fields[1], lineNumber, "arousal", kind));
        }
        return new VaAnnotation([.. valence], [.. arousal]);
    }

    private static float ParseValue(AnnotationLines lines, string field, int lineNumber, string column, AnnotationFileKind kind)
    {
        float value = lines.ParseFloat(field, lineNumber, column);
        if (value is >= -1f and <= 1f || (kind == AnnotationFileKind.Annotation && value == VaAnnotation.Ignore))
            return value;
        throw new DatasetFormatException(lines.FileName, lineNumber, $"{column} {field} is out of range; {Allowed(kind)}.");
    }
}
