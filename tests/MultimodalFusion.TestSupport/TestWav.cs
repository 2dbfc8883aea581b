namespace MultimodalFusion.TestSupport;

/// <summary>
/// Reads 16-bit PCM WAV test media into floats, independently of the product's audio sources (so tests and
/// benchmarks can compare what a source delivers with what the file holds).
/// </summary>
public static class TestWav
{
    /// <summary>The samples of a 16-bit PCM mono WAV file as floats in [-1, 1).</summary>
    /// <exception cref="InvalidDataException">The file is not 16-bit PCM mono.</exception>
    public static float[] ReadMono16(string path)
    {
        float[] samples = Read16(path, out int rate, out int channels);
        if (channels != 1)
            throw new InvalidDataException($"{path}: {rate} Hz, {channels} channel(s); mono 16-bit expected.");
        return samples;
    }

    /// <summary>
    /// The interleaved samples of a 16-bit PCM WAV file as floats in [-1, 1), with its rate and channel count from the
    /// fmt chunk (walks the RIFF chunks to "data").
    /// </summary>
    /// <exception cref="InvalidDataException">Not RIFF/WAVE, not 16-bit PCM, or no data chunk; the message names the file.</exception>
    public static float[] Read16(string path, out int rate, out int channels)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || bytes[0] != 'R' || bytes[8] != 'W')
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file.");
        rate = 0;
        channels = 0;
        int bits = 0, pos = 12;
        while (pos + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BitConverter.ToInt32(bytes, pos + 4);
            if (id == "fmt ")
            {
                channels = BitConverter.ToInt16(bytes, pos + 10);
                rate = BitConverter.ToInt32(bytes, pos + 12);
                bits = BitConverter.ToInt16(bytes, pos + 22);
            }
            else if (id == "data")
            {
                if (bits != 16)
                    throw new InvalidDataException($"{path}: {bits}-bit samples; 16-bit PCM expected.");
                var samples = new float[Math.Min(size, bytes.Length - pos - 8) / 2];
                for (int i = 0; i < samples.Length; i++)
                    samples[i] = BitConverter.ToInt16(bytes, pos + 8 + 2 * i) / 32768f;
                return samples;
            }
            pos += 8 + size + (size & 1);
        }
        throw new InvalidDataException($"{path}: no data chunk.");
    }
}
