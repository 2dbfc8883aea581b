using MultimodalFusion.Core.Packets;
using MultimodalFusion.Core.Time;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Text;
using MultimodalFusion.Inference.Tests.Text;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Tests.Fusion;

public sealed class TextWindowFeaturesTests(MiniLmFixture minilm) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void Slots_hold_the_embedding_of_the_final_segments_they_overlap_and_stay_absent_otherwise()
    {
        using var aligner = new WindowAligner(new AlignerOptions
        {
            Window = TimeSpan.FromSeconds(1), Hop = TimeSpan.FromSeconds(1), Expected = ModalityMask.Text,
        }, new ManualClock());
        aligner.Add(new TranscriptSegment("asr", 0, 0, 300_000, "go forward"));
        aligner.Add(new TranscriptSegment("asr", 1, 500_000, 700_000, "ten", IsFinal: false));   // partial: ignored
        aligner.Add(new TranscriptSegment("asr", 2, 800_000, 1_000_000, "ten meters"));
        aligner.Flush();
        Assert.True(aligner.TryDequeue(out AlignedWindow window));
        using (window)
        {
            Assert.Equal((0L, 1_000_000L), (window.StartMicros, window.EndMicros));
            const int T = 4, D = MiniLmTextEncoder.Dimensions;
            var sequence = new float[T * D];
            var mask = new bool[T];
            new TextWindowFeatures(minilm.Encoder, "text", "text_mask").Fill(window, T, sequence, mask);

            Assert.Equal([true, true, false, true], mask);   // slots [0,250) [250,500) [500,750) [750,1000) ms
            float[] goForward = minilm.Encoder.Encode("go forward");
            float[] tenMeters = minilm.Encoder.Encode("ten meters");
            Assert.Equal(goForward, sequence.AsSpan(0, D).ToArray());
            Assert.Equal(goForward, sequence.AsSpan(D, D).ToArray());
            Assert.All(sequence.AsSpan(2 * D, D).ToArray(), v => Assert.Equal(0f, v));
            Assert.Equal(tenMeters, sequence.AsSpan(3 * D, D).ToArray());
            Assert.True(MiniLmTextEncoder.Cosine(goForward, tenMeters) < 0.99f);
        }
    }
}
