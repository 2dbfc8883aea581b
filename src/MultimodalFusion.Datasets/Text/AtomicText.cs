using System.Text;

namespace MultimodalFusion.Datasets.Text;

/// <summary>Writes a text file atomically (temp file in the same folder, then rename): readers never see half a file.</summary>
internal static class AtomicText
{
    private static readonly UTF8Encoding s_utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes through <paramref name="write"/> with LF line endings, invariant culture, no BOM; creates the folder.</summary>
    public static void Write(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var writer = new StreamWriter(temp, append: false, s_utf8NoBom) { NewLine = "\n" })
            {
                write(writer);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }
}
