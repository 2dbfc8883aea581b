using MultimodalFusion.Datasets.Text;

namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// Reads the name lists ABAW releases for its test sets (which come without annotation files): one annotation
/// name per line, such as <c>10-60-1280x720_left</c>; a <c>.txt</c> suffix on a name is dropped.
/// </summary>
/// <remarks>
/// Tolerates a BOM, CRLF, blank lines anywhere and surrounding spaces. A name containing a comma, a path
/// separator or an inner space, or a name listed twice, is a <see cref="DatasetFormatException"/> with the file
/// and 1-based line. Stateless, thread-safe.
/// </remarks>
public static class AnnotationNameList
{
    /// <summary>Reads the list at <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<AnnotationName> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Aff-Wild2 name list not found: {path}", path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Parse(reader, path);
    }

    /// <summary>Parses a list from <paramref name="reader"/>; <paramref name="fileName"/> is used in messages.</summary>
    public static IReadOnlyList<AnnotationName> Parse(TextReader reader, string fileName)
    {
        var names = new List<AnnotationName>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            string name = (lineNumber == 1 ? line.TrimStart('\uFEFF') : line).Trim();
            if (name.Length == 0)
                continue;
            if (name.IndexOfAny([',', '/', '\\', ' ', '\t']) >= 0)
                throw new DatasetFormatException(fileName, lineNumber, $"'{AnnotationLines.Shorten(name)}' is not an annotation name (one name per line, no commas, spaces or paths).");
            var parsed = AnnotationName.Parse(name);
            if (!seen.Add(parsed.Name))
                throw new DatasetFormatException(fileName, lineNumber, $"'{parsed.Name}' is listed twice.");
            names.Add(parsed);
        }
        return names;
    }
}
