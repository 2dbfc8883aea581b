using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Pipeline.Tests.Alignment;

public sealed class WindowAlignerTests : AlignerTestBase
{
    [Fact]
    public void Complete_overlapping_windows_are_emitted_by_watermark_with_exact_audio()
    {
        using var aligner = NewAligner();
        List<AlignedWindow> windows = AddAll(aligner, AudioVideo(5));

        // Video watermark 14.9 s, audio 15.0 s: windows ending by 14.9 s are complete (k = 0..5).
        Assert.Equal([0L, 1, 2, 3, 4, 5], windows.Select(w => w.Index));
        foreach (AlignedWindow w in windows)
        {
            Assert.Equal(Origin + w.Index * S / 2, w.StartMicros);
            Assert.Equal(w.StartMicros + 2 * S, w.EndMicros);
            Assert.Equal(WindowEmitReason.Watermark, w.Reason);
            Assert.Equal(ModalityMask.Video | ModalityMask.Audio, w.Present);
            Assert.Equal(ModalityMask.None, w.Missing);
            Assert.Equal(20, w.Video.Count);
            Assert.Equal(Enumerable.Range(0, 20).Select(i => w.StartMicros + i * 100_000L), w.Video.Select(f => f.CaptureMicros));
            Assert.Equal(20, w.Audio.Count);
            float[] audio = MonoAudio(w);
            Assert.Equal(32_000, audio.Length);
            Assert.Equal(w.Index * 8_000f, audio[0]);
            Assert.Equal(w.Index * 8_000f + 31_999f, audio[^1]);
        }
        // Overlap: the frame at 11.6 s is in windows 0..3, each holding its own reference.
        Assert.Equal([0L, 1, 2, 3], windows.Where(w => w.Video.Any(f => f.CaptureMicros == Origin + 1_600_000)).Select(w => w.Index));
        Assert.Equal(Origin + 4_900_000, aligner.Watermark(Modality.Video));
        Assert.Equal(Origin + 5 * S, aligner.Watermark(Modality.Audio));
        Assert.Null(aligner.Watermark(Modality.Text));
    }

    [Fact]
    public void Flush_emits_the_rest_and_every_buffer_returns_to_the_pool()
    {
        var aligner = NewAligner();
        List<AlignedWindow> windows = AddAll(aligner, AudioVideo(5));
        Assert.Equal(4, aligner.Flush());
        List<AlignedWindow> flushed = Take(aligner);

        Assert.Equal([6L, 7, 8, 9], flushed.Select(w => w.Index));
        Assert.All(flushed, w => Assert.Equal(WindowEmitReason.Flush, w.Reason));
        AlignedWindow last = flushed[^1];
        Assert.Equal(5, last.Video.Count);
        float[] audio = MonoAudio(last);
        Assert.Equal(72_000f, audio[0]);
        Assert.Equal(79_999f, audio[7_999]);
        Assert.All(audio[8_000..], s => Assert.Equal(0f, s));
        Assert.Equal(0, aligner.BufferedCount);
        Assert.Equal(10, aligner.WindowsEmitted);
        Assert.Equal(4, aligner.EmittedByFlush);
        Assert.Throws<InvalidOperationException>(() => aligner.Add(Packets.Frame(Origin + 6 * S)));

        Assert.NotEqual(0, Packets.Outstanding);
        foreach (AlignedWindow w in windows.Concat(flushed))
            w.Dispose();
        aligner.Dispose();
        Assert.Equal(0, Packets.Outstanding);
    }

    [Fact]
    public void Arrival_order_across_modalities_does_not_change_the_windows()
    {
        static string Signature(AlignedWindow w) =>
            $"{w.Index}:{w.Reason}:{w.Video.Count}:{w.Video[0].CaptureMicros}:{MonoAudio(w).Sum(s => (double)s)}";

        using var inOrder = NewAligner();
        var expected = AddAll(inOrder, AudioVideo(5)).Select(Signature).ToList();
        Assert.Equal(6, expected.Count);

        using var audioFirst = NewAligner();
        var packets = AudioVideo(5).ToList();
        var audioThenVideo = packets.Where(p => p.Modality == Modality.Audio).Concat(packets.Where(p => p.Modality == Modality.Video));
        Assert.Equal(expected, AddAll(audioFirst, audioThenVideo).Select(Signature));

        // A random merge that keeps each stream in order.
        var random = new Random(7);
        var video = new Queue<ITimedPacket>(AudioVideo(5).Where(p => p.Modality == Modality.Video));
        var chunks = new Queue<ITimedPacket>(AudioVideo(5).Where(p => p.Modality == Modality.Audio));
        var merged = new List<ITimedPacket>();
        while (video.Count + chunks.Count > 0)
            merged.Add(chunks.Count == 0 || video.Count > 0 && random.Next(2) == 0 ? video.Dequeue() : chunks.Dequeue());
        using var shuffled = NewAligner();
        Assert.Equal(expected, AddAll(shuffled, merged).Select(Signature));
    }

    [Fact]
    public void Late_packets_are_counted_and_released_but_a_chunk_reaching_an_open_window_is_kept()
    {
        using var aligner = NewAligner();
        AddAll(aligner, AudioVideo(5));
        Assert.Equal(6, aligner.NextWindowIndex); // window 6 starts at 13.0 s

        VideoFrame lateFrame = Packets.Frame(Origin + 2 * S, "cam2");
        aligner.Add(lateFrame);
        AudioChunk lateChunk = Packets.Chunk(40_000, 6_400, streamStartMicros: Origin, stream: "mic2"); // [12.5, 12.9) s
        aligner.Add(lateChunk);
        AudioChunk spanning = Packets.Chunk(46_400, 3_200, streamStartMicros: Origin, stream: "mic3");  // [12.9, 13.1) s
        aligner.Add(spanning);

        Assert.Equal(2, aligner.LateDrops);
        Assert.True(lateFrame.Pixels.IsReleased);
        Assert.True(lateChunk.Samples.IsReleased);
        Assert.False(spanning.Samples.IsReleased);
        aligner.Flush();
        AlignedWindow six = Take(aligner)[0];
        Assert.Equal(6, six.Index);
        Assert.Contains(six.Audio, c => c.StreamId == "mic3");
    }

    [Fact]
    public void A_packet_that_goes_back_in_its_own_stream_is_a_regression()
    {
        using var aligner = NewAligner(ModalityMask.Video);
        aligner.Add(Packets.Frame(Origin));
        aligner.Add(Packets.Frame(Origin + 100_000));
        VideoFrame backwards = Packets.Frame(Origin + 50_000);
        aligner.Add(backwards);
        aligner.Add(Packets.Frame(Origin + 100_000)); // equal start: allowed
        aligner.Add(Packets.Frame(Origin + 20_000, "cam2")); // another stream has its own order

        Assert.Equal(1, aligner.Regressions);
        Assert.Equal(0, aligner.LateDrops);
        Assert.True(backwards.Pixels.IsReleased);
        aligner.Flush();
        AlignedWindow first = Take(aligner)[0];
        Assert.Equal([Origin, Origin + 20_000, Origin + 100_000, Origin + 100_000], first.Video.Select(f => f.CaptureMicros));
    }

    [Fact]
    public void A_missing_modality_waits_for_the_deadline_then_is_masked()
    {
        using var aligner = NewAligner();
        AddAll(aligner, Enumerable.Range(0, 30).Select(i => Packets.Frame(Origin + i * 100_000L)));
        Assert.Equal(0, aligner.ReadyCount);

        Assert.Equal(0, aligner.Poll(Origin + 2_499_999));
        Assert.Equal(1, aligner.Poll(Origin + 2_500_000));
        AlignedWindow w = Take(aligner).Single();
        Assert.Equal(0, w.Index);
        Assert.Equal(WindowEmitReason.Deadline, w.Reason);
        Assert.Equal(ModalityMask.Video, w.Present);
        Assert.Equal(ModalityMask.Audio, w.Missing);
        Assert.Equal(ModalityMask.Video, w.Complete);
        Assert.Equal(Origin + 2_500_000, w.EmitMicros);
        Assert.Equal(0, w.AudioSampleCount);
        Assert.Equal(1, aligner.EmittedByDeadline);
    }

    [Fact]
    public void A_modality_that_stops_yields_masked_windows_on_the_deadline()
    {
        using var aligner = NewAligner();
        var windows = new List<AlignedWindow>();
        for (int i = 0; i < 80; i++)
        {
            long t = Origin + i * 100_000L;
            Clock.Set(t);
            aligner.Add(Packets.Frame(t));
            if (t < Origin + 3 * S)
                aligner.Add(Packets.Chunk(i * 1600L, 1600, streamStartMicros: Origin));
            aligner.Poll();
            windows.AddRange(Take(aligner));
        }

        Assert.Equal(Enumerable.Range(0, windows.Count).Select(i => (long)i), windows.Select(w => w.Index));
        Assert.Equal([0L, 1, 2], windows.Where(w => w.Reason == WindowEmitReason.Watermark).Select(w => w.Index));
        AlignedWindow partial = windows[3]; // [11.5, 13.5) s: audio up to 13.0 s only
        Assert.Equal(WindowEmitReason.Deadline, partial.Reason);
        Assert.Equal(ModalityMask.Video | ModalityMask.Audio, partial.Present);
        Assert.Equal(ModalityMask.Video, partial.Complete);
        Assert.Equal(Origin + 4 * S, partial.EmitMicros);
        float[] audio = MonoAudio(partial);
        Assert.Equal(24_000f, audio[0]);
        Assert.Equal(47_999f, audio[23_999]);
        Assert.Equal(0f, audio[24_000]);
        Assert.All(windows.Where(w => w.StartMicros >= Origin + 3 * S), w =>
        {
            Assert.Equal(ModalityMask.Audio, w.Missing);
            Assert.Equal(WindowEmitReason.Deadline, w.Reason);
            Assert.Equal(20, w.Video.Count);
        });
        Assert.Equal(windows.Count - 3, aligner.EmittedByDeadline);
    }

    [Fact]
    public void Text_segments_land_in_every_window_they_overlap()
    {
        using var aligner = NewAligner(ModalityMask.Video);
        aligner.Add(Packets.Frame(Origin));
        aligner.Add(Packets.Text(Origin + 2_200_000, Origin + 2_600_000, "hello"));
        aligner.Add(Packets.Text(Origin + 4_100_000, Origin + 4_300_000, "world"));
        var windows = AddAll(aligner, Enumerable.Range(1, 60).Select(i => Packets.Frame(Origin + i * 100_000L)));
        aligner.Flush();
        windows.AddRange(Take(aligner));

        string[] expected = ["", "hello", "hello", "hello", "hello", "hello world", "world", "world", "world", "", "", "", ""];
        Assert.Equal(expected, windows.Select(w => w.TranscriptText));
        Assert.All(windows, w => Assert.Equal(w.Text.Count > 0, w.Present.Has(Modality.Text)));
    }
}
