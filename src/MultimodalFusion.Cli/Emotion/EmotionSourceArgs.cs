using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Cli.Emotion;

/// <summary>Turns <c>mmf emotion</c>'s SOURCE arguments and --mic/--audio/--transcript/--asr into source specs.</summary>
/// <param name="Positional">SOURCE arguments: one video source, optionally followed by audio and transcript sources.</param>
/// <param name="Mic">null: no --mic; empty: the default microphone; else its name.</param>
/// <param name="Audio">--audio FILE, or null.</param>
/// <param name="Transcript">--transcript FILE, or "-" for JSON lines on standard input; or null.</param>
/// <param name="Asr">--asr ENGINE (pocketsphinx, whisper:MODEL.bin), or null.</param>
internal sealed record EmotionSourceArgs(IReadOnlyList<string> Positional, string? Mic, string? Audio, string? Transcript, string? Asr)
{
    /// <summary>True when no video SOURCE was named: the demo clip supplies video (and audio and text unless given).</summary>
    public bool UsesDemo => Positional.Count == 0;

    /// <summary>
    /// The sources to open. <paramref name="demo"/> (video, audio, transcript) fills in whatever modality was not given.
    /// Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> naming the bad value.
    /// </summary>
    public IReadOnlyList<SourceSpec> Resolve(IReadOnlyList<SourceSpec>? demo)
    {
        var specs = Positional.Select(SourceSpec.Parse).ToList();
        if (Mic is not null && Audio is not null)
            throw new ArgumentException("give either --mic or --audio, not both.");
        if (Mic is not null)
            specs.Add(SourceSpec.Parse(Mic.Length == 0 ? "mic:" : "mic:" + Mic));
        if (Audio is not null)
            specs.Add(Expect(SourceSpec.Parse(Audio), Modality.Audio, "--audio"));
        if (Transcript is not null && Asr is not null)
            throw new ArgumentException("give either --transcript or --asr, not both.");
        if (Transcript is not null)
            specs.Add(Transcript == "-" ? SourceSpec.Parse("stdin:jsonl") : Expect(SourceSpec.Parse(Transcript), Modality.Text, "--transcript"));
        if (Asr is not null)
            specs.Add(SourceSpec.Parse(Asr.StartsWith("asr:", StringComparison.OrdinalIgnoreCase) ? Asr : "asr:" + Asr));
        if (demo is not null)
        {
            foreach (var spec in demo.Where(d => !specs.Any(s => s.Modality == d.Modality)))
                specs.Add(spec);
        }
        return specs;
    }

    private static SourceSpec Expect(SourceSpec spec, Modality modality, string option) => spec.Modality == modality
        ? spec
        : throw new ArgumentException($"{option} {spec.Display}: that is a {spec.Modality.ToString().ToLowerInvariant()} source, not {modality.ToString().ToLowerInvariant()}.");
}
