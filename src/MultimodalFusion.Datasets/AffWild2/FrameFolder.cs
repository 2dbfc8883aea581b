using System.Globalization;

namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>
/// A cropped-aligned frame folder: <c>&lt;name&gt;/NNNNN.jpg</c>, NNNNN the 1-based frame number in 5 digits.
/// Frames where no face was found are simply missing; <see cref="FrameNumbers"/> says which exist.
/// </summary>
/// <remarks>
/// Only names of exactly 5 digits + <c>.jpg</c> count as frames; other files are ignored (and counted in
/// <see cref="OtherFiles"/>). Frame N belongs to annotation line N + 1 (the header is line 1).
/// The DVD frame folders use the same naming. Immutable after <see cref="Scan"/>; thread-safe.
/// </remarks>
public sealed class FrameFolder
{
    private readonly int[] _frameNumbers;

    private FrameFolder(string directory, int[] frameNumbers, int otherFiles)
    {
        Directory = directory;
        _frameNumbers = frameNumbers;
        OtherFiles = otherFiles;
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The 1-based frame numbers that have an image, ascending.</summary>
    public IReadOnlyList<int> FrameNumbers => _frameNumbers;

    /// <summary>Files in the folder that are not named like a frame.</summary>
    public int OtherFiles { get; }

    /// <summary>The highest frame number present, 0 when the folder has no frames.</summary>
    public int LastFrameNumber => _frameNumbers.Length == 0 ? 0 : _frameNumbers[^1];

    /// <summary>True when frame <paramref name="frameNumber"/> (1-based) has an image.</summary>
    public bool Contains(int frameNumber) => Array.BinarySearch(_frameNumbers, frameNumber) >= 0;

    /// <summary>Frame numbers in 1..<paramref name="frameCount"/> that have no image.</summary>
    public IReadOnlyList<int> MissingUpTo(int frameCount)
    {
        var missing = new List<int>();
        for (int n = 1; n <= frameCount; n++)
            if (!Contains(n))
                missing.Add(n);
        return missing;
    }

    /// <summary>The path of frame <paramref name="frameNumber"/> in this folder (whether or not it exists).</summary>
    public string PathOf(int frameNumber) => Path.Combine(Directory, FileName(frameNumber));

    /// <summary>The file name of 1-based frame <paramref name="frameNumber"/>: <c>00001.jpg</c> for 1.</summary>
    public static string FileName(int frameNumber)
    {
        if (frameNumber is < 1 or > 99999)
            throw new ArgumentOutOfRangeException(nameof(frameNumber), frameNumber, "frame numbers are 1-based and have 5 digits (1..99999).");
        return frameNumber.ToString("D5", CultureInfo.InvariantCulture) + ".jpg";
    }

    /// <summary>Lists the frames in <paramref name="directory"/>; a missing folder throws <see cref="DirectoryNotFoundException"/> naming it.</summary>
    public static FrameFolder Scan(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"frame folder not found: {directory}");
        var numbers = new List<int>();
        int other = 0;
        foreach (string file in System.IO.Directory.EnumerateFiles(directory))
        {
            if (TryParseFrameNumber(Path.GetFileName(file), out int n))
                numbers.Add(n);
            else
                other++;
        }
        numbers.Sort();
        return new FrameFolder(directory, [.. numbers], other);
    }

    /// <summary>Parses <c>NNNNN.jpg</c> (exactly 5 digits, extension case-insensitive, 00000 rejected).</summary>
    public static bool TryParseFrameNumber(string fileName, out int frameNumber)
    {
        frameNumber = 0;
        if (fileName.Length != 9 || !fileName.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            return false;
        for (int i = 0; i < 5; i++)
        {
            if (!char.IsAsciiDigit(fileName[i]))
                return false;
            frameNumber = frameNumber * 10 + (fileName[i] - '0');
        }
        return frameNumber >= 1;
    }
}
