namespace MultimodalFusion.Capture.Text;

/// <summary>Settings of <see cref="UtteranceSegmenter"/>; frames are 20 ms of 16 kHz mono.</summary>
/// <param name="ThresholdDbfs">A frame whose RMS level is above this (dB relative to full scale) counts as speech.</param>
/// <param name="Hangover">Silence after speech that ends an utterance (bridges pauses between words).</param>
/// <param name="PreRoll">Audio kept before the first loud frame, so soft onsets are not cut.</param>
/// <param name="MinSpeech">Utterances with less loud audio than this are dropped (clicks, bumps).</param>
/// <param name="MaxUtterance">An utterance is cut here even while speech goes on, to bound latency and memory.</param>
public sealed record VadOptions(
    double ThresholdDbfs = -40,
    TimeSpan? Hangover = null,
    TimeSpan? PreRoll = null,
    TimeSpan? MinSpeech = null,
    TimeSpan? MaxUtterance = null)
{
    /// <summary>Length of one analysis frame.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    /// <summary>The hangover in effect (default 500 ms).</summary>
    public TimeSpan EffectiveHangover => Hangover ?? TimeSpan.FromMilliseconds(500);

    /// <summary>The pre-roll in effect (default 300 ms).</summary>
    public TimeSpan EffectivePreRoll => PreRoll ?? TimeSpan.FromMilliseconds(300);

    /// <summary>The minimum speech in effect (default 200 ms).</summary>
    public TimeSpan EffectiveMinSpeech => MinSpeech ?? TimeSpan.FromMilliseconds(200);

    /// <summary>The maximum utterance in effect (default 15 s).</summary>
    public TimeSpan EffectiveMaxUtterance => MaxUtterance ?? TimeSpan.FromSeconds(15);
}
