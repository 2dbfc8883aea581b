using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>Fills only the first time slot of a stream, from one pass over the whole window; the other slots stay absent.</summary>
/// <remarks>
/// For streams whose features already span the window, such as a temporal clip (16 frames sampled over the window, the
/// paper's setting): one clip-model run per window instead of one per slot. The inner source is not owned.
/// </remarks>
internal sealed class SingleSlotFeatures(IWindowFeatures inner) : IWindowFeatures
{
    public string SequenceInput => inner.SequenceInput;

    public string MaskInput => inner.MaskInput;

    public int Dimensions => inner.Dimensions;

    public void Fill(AlignedWindow window, int timeSteps, Span<float> sequence, Span<bool> mask) =>
        inner.Fill(window, 1, sequence[..Dimensions], mask[..1]);
}
