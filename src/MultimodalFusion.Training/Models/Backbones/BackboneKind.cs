namespace MultimodalFusion.Training.Models.Backbones;

/// <summary>Which runtime extractor a backbone feeds; also the manifest role of its exported graph.</summary>
public enum BackboneKind
{
    /// <summary>One image [batch, 3, H, W] (the runtime's ImageExtractor; manifest role "image").</summary>
    Image,

    /// <summary>One clip NTCHW [batch, T, 3, H, W] (the runtime's ClipExtractor; manifest role "clip").</summary>
    Clip,

    /// <summary>One log-mel window [batch, frames, mels] (the runtime's AudioEncoder; manifest role "audio").</summary>
    Audio,
}
