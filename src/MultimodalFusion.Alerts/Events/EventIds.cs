using System.Security.Cryptography;

namespace MultimodalFusion.Alerts.Events;

/// <summary>Event ids: "evt_" + 26 Crockford base32 characters, sortable by creation time.</summary>
/// <remarks>
/// Layout of the 128 bits: 48-bit UTC milliseconds since the Unix epoch (the time the caller passes, e.g. the
/// event's start), then 80 random bits. Consecutive ids of the same millisecond count the random part up, so they
/// are unique and increasing; ids of different milliseconds sort by time. Thread-safe.
/// </remarks>
public static class EventIds
{
    /// <summary>The prefix of every event id.</summary>
    public const string Prefix = "evt_";

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly Lock s_lock = new();
    private static long s_lastMillis = -1;
    private static UInt128 s_lastRandom;

    /// <summary>A new id stamped with <paramref name="utc"/>.</summary>
    public static string New(DateTimeOffset utc)
    {
        long millis = Math.Max(0, utc.ToUnixTimeMilliseconds()) & 0xFFFF_FFFF_FFFF;
        UInt128 random;
        lock (s_lock)
        {
            if (millis == s_lastMillis)
            {
                random = (s_lastRandom + 1) & ((UInt128.One << 80) - 1);
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes);
                random = new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..])) & ((UInt128.One << 79) - 1);
            }
            s_lastMillis = millis;
            s_lastRandom = random;
        }
        UInt128 value = ((UInt128)(ulong)millis << 80) | random;
        Span<char> text = stackalloc char[Prefix.Length + 26];
        Prefix.CopyTo(text);
        for (int i = text.Length - 1; i >= Prefix.Length; i--)
        {
            text[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(text);
    }

    /// <summary>The UTC millisecond stamped into <paramref name="id"/>; throws <see cref="FormatException"/> on a malformed id.</summary>
    public static DateTimeOffset TimestampOf(string id)
    {
        if (id is null || id.Length != Prefix.Length + 26 || !id.StartsWith(Prefix, StringComparison.Ordinal))
            throw new FormatException($"'{id}' is not an event id ({Prefix} + 26 base32 characters).");
        UInt128 value = 0;
        foreach (char c in id.AsSpan(Prefix.Length))
        {
            int digit = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (digit < 0)
                throw new FormatException($"'{id}' is not an event id: '{c}' is not Crockford base32.");
            value = (value << 5) | (uint)digit;
        }
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(ulong)(value >> 80));
    }
}
