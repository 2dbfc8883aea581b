using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>Conversions between <see cref="Modality"/> and <see cref="ModalityMask"/>.</summary>
public static class ModalityMasks
{
    /// <summary>The mask holding only <paramref name="modality"/>.</summary>
    public static ModalityMask ToMask(this Modality modality) => (ModalityMask)(1 << (int)modality);

    /// <summary>True when <paramref name="mask"/> holds <paramref name="modality"/>.</summary>
    public static bool Has(this ModalityMask mask, Modality modality) => (mask & modality.ToMask()) != 0;
}
