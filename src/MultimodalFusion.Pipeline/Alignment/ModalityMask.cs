using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Pipeline.Alignment;

/// <summary>A set of modalities: which a window expects, which contributed data, which were complete.</summary>
[Flags]
public enum ModalityMask
{
    /// <summary>No modality.</summary>
    None = 0,
    /// <summary><see cref="Modality.Video"/>.</summary>
    Video = 1 << Modality.Video,
    /// <summary><see cref="Modality.Audio"/>.</summary>
    Audio = 1 << Modality.Audio,
    /// <summary><see cref="Modality.Text"/>.</summary>
    Text = 1 << Modality.Text,
    /// <summary>Video, audio and text.</summary>
    All = Video | Audio | Text,
}
