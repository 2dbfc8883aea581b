namespace MultimodalFusion.Cli.Features;

/// <summary>A video that could not be cached.</summary>
/// <param name="Key">SPLIT/ID.</param>
/// <param name="Message">Why (names the file at fault).</param>
public sealed record FailedVideo(string Key, string Message);
