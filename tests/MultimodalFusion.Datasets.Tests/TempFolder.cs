using System.Text;

namespace MultimodalFusion.Datasets.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; helpers write fixture files byte-exactly.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mmf-datasets-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes <paramref name="text"/> exactly (no newline translation), optionally with a UTF-8 BOM.</summary>
    public string WriteText(string relative, string text, bool bom = false)
    {
        string path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        byte[] body = Encoding.UTF8.GetBytes(text);
        File.WriteAllBytes(path, bom ? [0xEF, 0xBB, 0xBF, .. body] : body);
        return path;
    }

    /// <summary>Creates an empty file (a stand-in frame image or video: the readers only look at names).</summary>
    public string Touch(string relative) => WriteText(relative, "");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
