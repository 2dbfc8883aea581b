using MultimodalFusion.Core.Buffers;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Pipeline.Tests.Alignment;

public sealed class WindowAlignerEdgeTests : AlignerTestBase
{
    [Fact]
    public void An_audio_chunk_across_window_borders_is_cut_exactly_per_window()
    {
        using var aligner = NewAligner(ModalityMask.Video);
        aligner.Add(Packets.Frame(Origin));
        aligner.Add(Packets.Chunk(28_000, 16_000, streamStartMicros: Origin)); // [11.75, 12.75) s
        var windows = AddAll(aligner, Enumerable.Range(1, 60).Select(i => Packets.Frame(Origin + i * 100_000L)));

        Assert.Equal([0L, 1, 2, 3, 4, 5], windows.Where(w => w.Audio.Count > 0).Select(w => w.Index));
        float[] first = MonoAudio(windows[0]);
        Assert.Equal(0f, first[27_999]);
        Assert.Equal(28_000f, first[28_000]);
        Assert.Equal(31_999f, first[31_999]);
        float[] sixth = MonoAudio(windows[5]); // [12.5, 14.5) s
        Assert.Equal(40_000f, sixth[0]);
        Assert.Equal(43_999f, sixth[3_999]);
        Assert.Equal(0f, sixth[4_000]);
        // Across all windows each sample of the chunk appears exactly as often as the windows that cover its time.
        Assert.Equal(4_000, first.Count(s => s != 0));
        Assert.Equal(4_000, sixth.Count(s => s != 0));
    }

    [Fact]
    public void Stereo_44k_audio_is_mixed_to_mono_and_counted_with_ceiling_rounding()
    {
        using var aligner = NewAligner(ModalityMask.Video);
        aligner.Add(Packets.Frame(Origin));
        long streamStart = Origin + 3; // 3 us after the grid: sample 0 is the first inside window 0
        PooledBuffer<float> samples = Packets.Floats.Rent(2 * 100_000);
        for (int n = 0; n < 100_000; n++)
        {
            samples.Span[2 * n] = n;
            samples.Span[2 * n + 1] = n + 2;
        }
        aligner.Add(new AudioChunk(samples, 100_000, 44_100, 2, "mic", 0, streamStart, 0));
        aligner.Add(Packets.Frame(Origin + 2 * S));
        AlignedWindow w = Take(aligner).Single();

        Assert.Equal(88_200, w.AudioSampleCount);
        float[] mono = MonoAudio(w);
        Assert.Equal(1f, mono[0]);
        Assert.Equal(88_200f, mono[^1]);
        Assert.Throws<ArgumentException>(() => w.CopyAudioMono(new float[88_199]));
    }

    [Fact]
    public void Audio_before_the_first_frame_is_late_unless_it_reaches_window_zero()
    {
        using var aligner = NewAligner();
        long streamStart = Origin - S;
        AudioChunk early = Packets.Chunk(8_000, 1_600, streamStartMicros: streamStart);   // [9.5, 9.6) s
        AudioChunk across = Packets.Chunk(15_200, 1_600, streamStartMicros: streamStart); // [9.95, 10.05) s
        aligner.Add(early);
        aligner.Add(across);
        Assert.Null(aligner.OriginMicros);
        aligner.Add(Packets.Frame(Origin));

        Assert.Equal(Origin, aligner.OriginMicros);
        Assert.Equal(1, aligner.LateDrops);
        Assert.True(early.Samples.IsReleased);
        aligner.Flush();
        AlignedWindow w = Take(aligner).Single();
        float[] mono = MonoAudio(w);
        Assert.Equal(16_000f, mono[0]);
        Assert.Equal(16_799f, mono[799]);
        Assert.Equal(0f, mono[800]);
    }

    [Fact]
    public void A_long_outage_skips_empty_windows_in_one_step_and_accepts_new_data()
    {
        using var aligner = NewAligner();
        AddAll(aligner, AudioVideo(2));
        Assert.Empty(Take(aligner));

        Assert.Equal(4, aligner.Poll(Origin + 3600 * S));
        Assert.All(Take(aligner), w => Assert.Equal(WindowEmitReason.Deadline, w.Reason));
        Assert.Equal(7_196, aligner.NextWindowIndex);
        Assert.Equal(7_192, aligner.WindowsSkipped);
        Assert.Equal(0, aligner.BufferedCount);

        aligner.Add(Packets.Frame(Origin + 3599 * S));
        Assert.Equal(0, aligner.LateDrops);
        aligner.Flush();
        Assert.Equal([7_196L, 7_197, 7_198], Take(aligner).Select(w => w.Index)); // the frame at 3599 s lies in three windows
    }

    [Fact]
    public void Drops_regressions_and_windows_leave_no_buffer_behind()
    {
        var aligner = NewAligner(ModalityMask.All);
        var windows = new List<AlignedWindow>();
        var random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            long t = Origin + i * 50_000L;
            Clock.Set(t);
            aligner.Add(Packets.Frame(random.Next(10) == 0 ? t - 300_000 : t)); // some regressions
            if (i % 2 == 0)
                aligner.Add(Packets.Chunk(i / 2 * 1600L, 1600, streamStartMicros: Origin));
            if (i % 40 == 0)
                aligner.Add(Packets.Text(t, t + 400_000, $"s{i}"));
            if (i % 25 == 0)
                aligner.Add(Packets.Frame(Origin, "late-cam")); // late after the first windows
            aligner.Poll();
            windows.AddRange(Take(aligner));
        }
        aligner.Flush();
        windows.AddRange(Take(aligner));

        Assert.True(aligner.Regressions > 0);
        Assert.True(aligner.LateDrops > 0);
        Assert.True(windows.Count > 10);
        Assert.Equal(Enumerable.Range(0, windows.Count).Select(i => (long)i), windows.Select(w => w.Index));
        foreach (AlignedWindow w in windows)
            w.Dispose();
        aligner.Dispose();
        Assert.Equal(0, Packets.Outstanding);
    }

    [Fact]
    public void Disposing_the_aligner_releases_queued_windows_and_buffered_packets()
    {
        var aligner = NewAligner();
        foreach (ITimedPacket p in AudioVideo(5))
            aligner.Add(p);
        Assert.True(aligner.ReadyCount > 0);
        Assert.True(aligner.BufferedCount > 0);
        aligner.Dispose();
        Assert.Equal(0, Packets.Outstanding);
    }

    [Fact]
    public void Bad_options_name_the_setting()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WindowAligner(Options() with { Hop = TimeSpan.Zero }, Clock));
        Assert.Contains("Hop", ex.Message);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WindowAligner(Options() with { Expected = ModalityMask.None }, Clock));
        Assert.Contains("Expected", ex.Message);
    }
}
