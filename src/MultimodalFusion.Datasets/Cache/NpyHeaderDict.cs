using System.Globalization;
using System.Text.RegularExpressions;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>The three keys of an .npy header dict literal, parsed without a Python evaluator.</summary>
/// <param name="Descr">dtype string such as <c>&lt;f4</c>.</param>
/// <param name="FortranOrder">True for column-major data.</param>
/// <param name="Shape">Dimensions; empty for a scalar.</param>
internal sealed partial record NpyHeaderDict(string Descr, bool FortranOrder, int[] Shape)
{
    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]+)['""]")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    /// <summary>Parses <paramref name="header"/>; a missing key or a bad dimension names <paramref name="path"/>.</summary>
    public static NpyHeaderDict Parse(string header, string path)
    {
        string trimmed = header.Trim();
        if (!trimmed.StartsWith('{') || !trimmed.EndsWith('}'))
            throw new DatasetFormatException(path, null, $".npy header is not a dict literal: '{Shorten(trimmed)}'.");
        Match descr = DescrPattern().Match(trimmed);
        Match fortran = FortranPattern().Match(trimmed);
        Match shape = ShapePattern().Match(trimmed);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new DatasetFormatException(path, null, $".npy header lacks 'descr', 'fortran_order' or 'shape': '{Shorten(trimmed)}'.");
        var dims = new List<int>();
        foreach (string part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string digits = part.TrimEnd('L');
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                throw new DatasetFormatException(path, null, $".npy shape has a bad dimension '{part}'.");
            dims.Add(d);
        }
        return new NpyHeaderDict(descr.Groups[1].Value, fortran.Groups[1].Value == "True", [.. dims]);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
