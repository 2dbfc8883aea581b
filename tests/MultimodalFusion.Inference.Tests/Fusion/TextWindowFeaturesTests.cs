using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.Inference.Tests.Text;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Tests.Fusion;

public sealed class TextWindowFeaturesTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>
{
    private const int D = MiniLmTextEncoder.Dimensions;

    [Fact]
    public void Rows_are_the_final_utterances_that_start_in_the_window_packed_from_step_0_as_the_cache_has_them()
    {
        using var aligner = new WindowAligner(new AlignerOptions
        {
            Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(0.5), Expected = ModalityMask.Text,
        }, new ManualClock());
        aligner.Add(new TranscriptSegment("asr", 0, 0, 300_000, "go forward"));
        aligner.Add(new TranscriptSegment("asr", 1, 500_000, 700_000, "ten", IsFinal: false));   // partial: no row
        aligner.Add(new TranscriptSegment("asr", 2, 800_000, 1_200_000, " ten meters "));
        aligner.Add(new TranscriptSegment("asr", 4, 1_300_000, 1_400_000, "   "));               // blank: no row
        aligner.Flush();
        var features = new TextWindowFeatures(minilm.Encoder, "text", "text_mask");
        const int T = 4;
        var rows = new List<(long Start, bool[] Mask, float[] Sequence)>();
        while (aligner.TryDequeue(out AlignedWindow window))
        {
            using (window)
            {
                var sequence = new float[T * D];
                var mask = new bool[T];
                features.Fill(window, T, sequence, mask);
                rows.Add((window.StartMicros, mask, sequence));
            }
        }

        float[] goForward = minilm.Encoder.Encode("go forward");
        float[] tenMeters = minilm.Encoder.Encode("ten meters");
        // Window [0, 1 s): both utterances, in start order from step 0.
        Assert.Equal(0, rows[0].Start);
        Assert.Equal([true, true, false, false], rows[0].Mask);
        Assert.Equal(goForward, rows[0].Sequence.AsSpan(0, D).ToArray());
        Assert.Equal(tenMeters, rows[0].Sequence.AsSpan(D, D).ToArray());
        Assert.All(rows[0].Sequence.AsSpan(2 * D).ToArray(), v => Assert.Equal(0f, v));
        // Window [0.5, 1.5 s): "go forward" started before it and is not its row, although it overlaps in time.
        Assert.Equal(500_000, rows[1].Start);
        Assert.Equal([true, false, false, false], rows[1].Mask);
        Assert.Equal(tenMeters, rows[1].Sequence.AsSpan(0, D).ToArray());
        // Overlapping windows reuse the encoding: two texts were encoded for three rows.
        Assert.Equal(2, features.Encoded);
        Assert.True(MiniLmTextEncoder.Cosine(goForward, tenMeters) < 0.99f);
    }

    [Fact]
    public void Transcript_rows_group_equal_starts_in_order_and_skip_partial_and_blank_text()
    {
        var rows = TranscriptRows.Of([(2_000, "b", true), (1_000, " a ", true), (2_000, "c", true), (3_000, "x", false), (4_000, " ", true)]);
        Assert.Equal([(1_000L, "a"), (2_000L, "b c")], rows);
    }

    [Fact]
    public void Steps_hold_four_utterances_a_second_plus_one() =>
        Assert.Equal(9, TextWindowFeatures.StepsFor(TimeSpan.FromSeconds(2)));
}
