namespace MultimodalFusion.Synthesis.Manifest;

/// <summary>One generated video in <c>synth.json</c>; paths are relative to the dataset root, with '/'.</summary>
/// <param name="Name">Video (and annotation) name.</param>
/// <param name="Split">Split folder name (Train_Set/Validation_Set or train/val).</param>
/// <param name="Frames">Number of frames.</param>
/// <param name="Voice">The espeak-ng voice of its speech.</param>
/// <param name="Video">The .mp4 file.</param>
/// <param name="FramesDirectory">The per-frame JPEG folder (face crops for emotion, whole frames for violence).</param>
/// <param name="Labels">Label files (VA and EXPR, or the DVD CSV).</param>
/// <param name="Audio">The 16-bit mono WAV.</param>
/// <param name="Transcript">The SRT transcript.</param>
/// <param name="Segments">Segments in time order.</param>
public sealed record SynthVideo(
    string Name, string Split, int Frames, string Voice, string Video, string FramesDirectory,
    IReadOnlyList<string> Labels, string Audio, string Transcript, IReadOnlyList<SynthSegment> Segments);
