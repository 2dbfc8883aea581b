using System.Buffers.Binary;
using System.Text;
using MultimodalFusion.Datasets.Cache;

namespace MultimodalFusion.Datasets.Tests.Cache;

public class NpyFileTests
{
    [Fact]
    public void Header_follows_the_npy_v1_spec_byte_for_byte()
    {
        byte[] header = NpyFile.BuildHeader("<f4", [3, 4]);

        // NumPy writes exactly this for np.save(f, np.zeros((3, 4), np.float32)): a 128-byte header.
        Assert.Equal(128, header.Length);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, header[..8]);
        Assert.Equal(118, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8, 2)));
        string dict = Encoding.ASCII.GetString(header, 10, header.Length - 10);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", dict);
        Assert.EndsWith("\n", dict);
        Assert.Equal("", dict[59..^1].Trim(' '));
    }

    [Theory]
    [InlineData(new[] { 5 }, "(5,)")]
    [InlineData(new[] { 0, 256 }, "(0, 256)")]
    [InlineData(new[] { 123456, 2 }, "(123456, 2)")]
    public void Every_header_is_a_multiple_of_64_with_a_python_tuple(int[] shape, string tuple)
    {
        byte[] header = NpyFile.BuildHeader("<i8", shape);
        Assert.Equal(0, header.Length % 64);
        Assert.Equal(header.Length - 10, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8, 2)));
        Assert.Contains($"'shape': {tuple}, }}", Encoding.ASCII.GetString(header));
        Assert.Equal((byte)'\n', header[^1]);
    }

    [Fact]
    public void Float_and_int64_round_trip_with_data_right_after_the_header()
    {
        using var dir = new TempFolder();
        float[] values = [1.5f, -2f, float.NaN, 3.25f, 0f, float.Epsilon];
        long[] times = [0, 33_333, long.MaxValue];
        string f = dir.Combine("f.npy");
        string t = dir.Combine("t.npy");

        NpyFile.Write(f, values, 2, 3);
        NpyFile.Write(t, times, 3);

        var (data, shape) = NpyFile.ReadFloat32(f);
        Assert.Equal([2, 3], shape);
        Assert.Equal(values, data);
        Assert.Equal(128 + 6 * 4, new FileInfo(f).Length);
        byte[] raw = File.ReadAllBytes(f);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(128)));
        var (longs, lshape) = NpyFile.ReadInt64(t);
        Assert.Equal([3], lshape);
        Assert.Equal(times, longs);
        Assert.Throws<ArgumentException>(() => NpyFile.Write(dir.Combine("x.npy"), values, 4, 2));
    }

    [Fact]
    public void Truncated_damaged_and_mistyped_files_are_named()
    {
        using var dir = new TempFolder();
        string path = dir.Combine("a.npy");
        NpyFile.Write(path, new float[40], 10, 4);
        byte[] full = File.ReadAllBytes(path);

        File.WriteAllBytes(path, full[..^7]);
        var truncated = Assert.Throws<DatasetFormatException>(() => NpyFile.ReadFloat32(path));
        Assert.Equal(path, truncated.File);
        Assert.Null(truncated.Line);
        Assert.Contains("truncated", truncated.Message);
        Assert.Contains("needs 160 bytes, the file holds 153", truncated.Message);

        File.WriteAllBytes(path, full[..50]);
        Assert.Contains("truncated .npy header", Assert.Throws<DatasetFormatException>(() => NpyFile.ReadFloat32(path)).Message);

        File.WriteAllBytes(path, [.. full, 0]);
        Assert.Contains("trailing bytes", Assert.Throws<DatasetFormatException>(() => NpyFile.ReadFloat32(path)).Message);

        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("PK\x03\x04 not numpy at all"));
        Assert.Contains("magic", Assert.Throws<DatasetFormatException>(() => NpyFile.ReadFloat32(path)).Message);

        File.WriteAllBytes(path, full);
        var dtype = Assert.Throws<DatasetFormatException>(() => NpyFile.ReadInt64(path));
        Assert.StartsWith(path + ": dtype is '<f4', expected '<i8'", dtype.Message);
    }

    [Fact]
    public void Reads_a_version_2_header_and_refuses_fortran_order()
    {
        using var dir = new TempFolder();
        string v2 = dir.Combine("v2.npy");
        string dict = "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }";
        int headerLength = 128 - 12; // v2: 12-byte prefix (uint32 length), total still a multiple of 64
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 2, 0 };
        bytes.AddRange(BitConverter.GetBytes((uint)headerLength));
        bytes.AddRange(Encoding.ASCII.GetBytes(dict.PadRight(headerLength - 1) + "\n"));
        bytes.AddRange(BitConverter.GetBytes(7L));
        bytes.AddRange(BitConverter.GetBytes(-9L));
        File.WriteAllBytes(v2, [.. bytes]);

        Assert.Equal([7L, -9L], NpyFile.ReadInt64(v2).Data);

        string fortran = dir.Combine("f.npy");
        byte[] header = NpyFile.BuildHeader("<i8", [2]);
        string text = Encoding.Latin1.GetString(header).Replace("False", "True ");
        File.WriteAllBytes(fortran, [.. Encoding.Latin1.GetBytes(text), .. new byte[16]]);
        Assert.Contains("Fortran order", Assert.Throws<DatasetFormatException>(() => NpyFile.ReadInt64(fortran)).Message);
    }
}
