using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MultimodalFusion.Datasets.Cache;

/// <summary>
/// Writes and reads NumPy <c>.npy</c> files (format v1.0; v2.0/v3.0 headers are read too) for the two dtypes of
/// the feature cache: <c>&lt;f4</c> (float32) and <c>&lt;i8</c> (int64), C order.
/// </summary>
/// <remarks>
/// Layout written: magic <c>\x93NUMPY</c>, version bytes 1 0, a little-endian uint16 header length, then the
/// header: an ASCII dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (T, D), }</c> padded
/// with spaces and ended by <c>\n</c> so that magic + version + length + header is a multiple of 64 bytes,
/// then the raw little-endian data. <c>numpy.load</c> reads these files unchanged. Reading checks the magic,
/// the dtype, the order and that the data is exactly as long as the shape says; each problem is a
/// <see cref="DatasetFormatException"/> naming the file. A write is not atomic by itself (the feature cache
/// writes into a temp folder and renames it). Stateless, thread-safe.
/// </remarks>
public static class NpyFile
{
    /// <summary>The dtype string of float32.</summary>
    public const string Float32 = "<f4";

    /// <summary>The dtype string of int64.</summary>
    public const string Int64 = "<i8";

    private static readonly byte[] s_magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes float32 <paramref name="data"/> with <paramref name="shape"/> (product must equal the length).</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) =>
        Write(path, Float32, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Writes int64 <paramref name="data"/> with <paramref name="shape"/>.</summary>
    public static void Write(string path, ReadOnlySpan<long> data, params int[] shape) =>
        Write(path, Int64, MemoryMarshal.AsBytes(data), data.Length, shape);

    /// <summary>Reads a float32 array; returns the data (owned by the caller) and its shape.</summary>
    public static (float[] Data, int[] Shape) ReadFloat32(string path)
    {
        using var stream = OpenRead(path);
        int[] shape = ReadHeader(stream, path, Float32, out long count);
        var data = new float[count];
        ReadData(stream, path, MemoryMarshal.AsBytes(data.AsSpan()), shape);
        return (data, shape);
    }

    /// <summary>Reads an int64 array; returns the data (owned by the caller) and its shape.</summary>
    public static (long[] Data, int[] Shape) ReadInt64(string path)
    {
        using var stream = OpenRead(path);
        int[] shape = ReadHeader(stream, path, Int64, out long count);
        var data = new long[count];
        ReadData(stream, path, MemoryMarshal.AsBytes(data.AsSpan()), shape);
        return (data, shape);
    }

    /// <summary>The complete header (magic through the trailing newline) for <paramref name="descr"/> and <paramref name="shape"/>.</summary>
    public static byte[] BuildHeader(string descr, IReadOnlyList<int> shape)
    {
        string dims = shape.Count == 1
            ? shape[0].ToString(CultureInfo.InvariantCulture) + ","
            : string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
        string dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        const int prefix = 10; // magic 6 + version 2 + uint16 length 2
        int unpadded = prefix + dict.Length + 1;
        int total = (unpadded + 63) / 64 * 64;
        int headerLength = total - prefix;
        if (headerLength > ushort.MaxValue)
            throw new ArgumentException($"an .npy v1.0 header cannot hold shape ({dims}).", nameof(shape));
        var bytes = new byte[total];
        s_magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        bytes[8] = (byte)(headerLength & 0xFF);
        bytes[9] = (byte)(headerLength >> 8);
        Encoding.ASCII.GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + dict.Length, total - prefix - dict.Length - 1).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static void Write(string path, string descr, ReadOnlySpan<byte> bytes, int count, int[] shape)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the .npy writer assumes a little-endian machine.");
        long expected = 1;
        foreach (int d in shape)
        {
            if (d < 0)
                throw new ArgumentOutOfRangeException(nameof(shape), d, $"negative dimension (writing {path}).");
            expected *= d;
        }
        if (expected != count)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {expected} values but {count} were given (writing {path}).");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(BuildHeader(descr, shape));
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }

    private static FileStream OpenRead(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($".npy file not found: {path}", path);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }

    private static int[] ReadHeader(FileStream stream, string path, string wantDescr, out long count)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (stream.ReadAtLeast(prefix[..8], 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(s_magic))
            throw new DatasetFormatException(path, null, "not a NumPy .npy file (the magic \\x93NUMPY is missing or the file is truncated).");
        byte major = prefix[6];
        int lengthBytes = major switch { 1 => 2, 2 or 3 => 4, _ => 0 };
        if (lengthBytes == 0)
            throw new DatasetFormatException(path, null, $".npy format version {major}.{prefix[7]} is not supported (1.0, 2.0 and 3.0 are).");
        if (stream.ReadAtLeast(prefix[8..(8 + lengthBytes)], lengthBytes, throwOnEndOfStream: false) < lengthBytes)
            throw new DatasetFormatException(path, null, "truncated .npy header.");
        long headerLength = lengthBytes == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..10])
            : BinaryPrimitives.ReadUInt32LittleEndian(prefix[8..12]);
        if (headerLength > 1 << 20)
            throw new DatasetFormatException(path, null, $".npy header length {headerLength} is implausible.");
        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new DatasetFormatException(path, null, $"truncated .npy header (declares {headerLength} bytes).");
        var dict = NpyHeaderDict.Parse(Encoding.Latin1.GetString(header), path);
        if (dict.Descr != wantDescr)
            throw new DatasetFormatException(path, null, $"dtype is '{dict.Descr}', expected '{wantDescr}'.");
        if (dict.FortranOrder)
            throw new DatasetFormatException(path, null, "the array is in Fortran order; the cache needs C order.");
        count = 1;
        foreach (int d in dict.Shape)
            count *= d;
        if (count > Array.MaxLength)
            throw new DatasetFormatException(path, null, $"shape ({string.Join(", ", dict.Shape)}) is too large to load.");
        return dict.Shape;
    }

    private static void ReadData(FileStream stream, string path, Span<byte> target, int[] shape)
    {
        long remaining = stream.Length - stream.Position;
        if (remaining != target.Length)
        {
            string what = remaining < target.Length ? "truncated" : "has trailing bytes";
            throw new DatasetFormatException(path, null,
                $".npy data {what}: shape ({string.Join(", ", shape)}) needs {target.Length} bytes, the file holds {remaining}.");
        }
        stream.ReadExactly(target);
    }
}
