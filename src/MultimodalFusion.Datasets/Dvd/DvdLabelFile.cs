using System.Globalization;
using MultimodalFusion.Datasets.Text;

namespace MultimodalFusion.Datasets.Dvd;

/// <summary>
/// Reads and writes DVD per-video CSV files: ground truth <c>Frame_Number,Label</c> and predictions
/// <c>Frame_Number,Predicted_Label</c>, one line per frame, label 0 or 1.
/// </summary>
/// <remarks>
/// The published DVD description fixes the prediction header; for the ground truth it is silent on the file
/// layout, so this project reads it the same way with the header <c>Frame_Number,Label</c>. Frame numbers are
/// integers &gt;= 0 that ascend strictly (a repeated or earlier frame is an error, since it would silently
/// overwrite a label). Errors are <see cref="DatasetFormatException"/> with file and line; BOM, CRLF and
/// trailing blank lines are tolerated. Writing is LF, no BOM, atomic. Thread-safe.
/// </remarks>
public static class DvdLabelFile
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static DvdLabels Read(string path, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = AnnotationLines.Open(path, kind == AnnotationFileKind.Annotation ? "DVD label file" : "DVD prediction file");
        return Parse(lines, kind);
    }

    /// <summary>Parses CSV text from <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static DvdLabels Parse(TextReader reader, string fileName, AnnotationFileKind kind = AnnotationFileKind.Annotation)
    {
        using var lines = new AnnotationLines(reader, fileName);
        return Parse(lines, kind);
    }

    /// <summary>Writes a ground-truth label file.</summary>
    public static void Write(string path, DvdLabels labels) => Write(path, labels, AnnotationFileKind.Annotation);

    /// <summary>Writes a prediction file (header <c>Frame_Number,Predicted_Label</c>).</summary>
    public static void WritePrediction(string path, DvdLabels predictions) => Write(path, predictions, AnnotationFileKind.Prediction);

    private static void Write(string path, DvdLabels labels, AnnotationFileKind kind)
    {
        if (labels.FrameNumbers.Length != labels.Labels.Length)
            throw new ArgumentException($"{labels.FrameNumbers.Length} frame numbers but {labels.Labels.Length} labels (writing {path}).");
        for (int i = 0; i < labels.Labels.Length; i++)
        {
            if (labels.Labels[i] is not (0 or 1))
                throw new ArgumentOutOfRangeException(nameof(labels), labels.Labels[i], $"label of frame {labels.FrameNumbers[i]} must be 0 or 1 (writing {path}).");
            if (labels.FrameNumbers[i] < 0 || (i > 0 && labels.FrameNumbers[i] <= labels.FrameNumbers[i - 1]))
                throw new ArgumentException($"frame numbers must be >= 0 and ascend strictly; frame {labels.FrameNumbers[i]} at position {i} does not (writing {path}).");
        }
        AtomicText.Write(path, w =>
        {
            w.Write(kind == AnnotationFileKind.Annotation ? DvdLabels.LabelHeader : DvdLabels.PredictionHeader);
            w.Write('\n');
            for (int i = 0; i < labels.Labels.Length; i++)
            {
                w.Write(labels.FrameNumbers[i].ToString(CultureInfo.InvariantCulture));
                w.Write(',');
                w.Write(labels.Labels[i].ToString(CultureInfo.InvariantCulture));
                w.Write('\n');
            }
        });
    }

    private static DvdLabels Parse(AnnotationLines lines, AnnotationFileKind kind)
    {
        string expected = kind == AnnotationFileKind.Annotation ? DvdLabels.LabelHeader : DvdLabels.PredictionHeader;
        string header = lines.ReadHeader();
        string[] names = header.Split(',');
        string[] want = expected.Split(',');
        if (names.Length != 2 || !names[0].Trim().Equals(want[0], StringComparison.OrdinalIgnoreCase)
                              || !names[1].Trim().Equals(want[1], StringComparison.OrdinalIgnoreCase))
            throw new DatasetFormatException(lines.FileName, 1, $"expected the header '{expected}', found '{AnnotationLines.Shorten(header)}'.");
        var frames = new List<int>();
        var labels = new List<int>();
        while (lines.TryReadDataLine(out string line, out int lineNumber))
        {
            string[] fields = lines.Split(line, lineNumber, 2);
            int frame = lines.ParseInt(fields[0], lineNumber, want[0]);
            if (frame < 0)
                throw new DatasetFormatException(lines.FileName, lineNumber, $"{want[0]} {frame} is negative.");
            if (frames.Count > 0 && frame <= frames[^1])
                throw new DatasetFormatException(lines.FileName, lineNumber, $"{want[0]} {frame} does not follow {frames[^1]}; frame numbers must ascend strictly.");
            int label = lines.ParseInt(fields[1], lineNumber, want[1]);
            if (label is not (0 or 1))
                throw new DatasetFormatException(lines.FileName, lineNumber, $"{want[1]} {label} is out of range; allowed: 0 or 1.");
            frames.Add(frame);
            labels.Add(label);
        }
        return new DvdLabels([.. frames], [.. labels]);
    }
}
