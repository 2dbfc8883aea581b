using OpenCvSharp;
using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Rendering;
using MultimodalFusion.Synthesis.Speech;
using MultimodalFusion.Synthesis.Text;

namespace MultimodalFusion.Synthesis.Emotion;

/// <summary>
/// Generates one emotion video in the Aff-Wild2 layout: the rendered face (.mp4 and cropped-aligned JPEGs),
/// per-frame VA and EXPR annotations, one sentence per segment spoken by espeak-ng (16 kHz WAV) and its SRT.
/// </summary>
/// <remarks>
/// Random streams per video (timeline, look, motion, text, audio) derive from the seed and the video index,
/// so videos are independent and may be generated in parallel. Thread-safe: all state is per call.
/// </remarks>
internal sealed class EmotionVideoGenerator(SynthOptions options, EspeakSpeech speech, AffWild2Layout layout)
{
    private static readonly string[] s_voices = ["en-us", "en", "en-us+f3", "en+m3", "en+f2", "en-us+m7"];
    private static readonly TimeSpan s_speechLead = TimeSpan.FromSeconds(0.25);
    private static readonly TimeSpan s_speechTail = TimeSpan.FromSeconds(0.15);

    /// <summary>Writes video <paramref name="index"/> as <paramref name="name"/> into <paramref name="split"/>.</summary>
    public SynthVideo Generate(int index, string name, string split)
    {
        int seed = options.Seed;
        var timeline = EmotionTimeline.Create(SeedMixer.Create(seed, index, 1), options.EffectiveDuration, options.AmbiguousFraction);
        var annotation = AnnotationName.For(name, SubjectSide.Single);
        var sentences = WriteSpeech(timeline, SeedMixer.Create(seed, index, 4), SeedMixer.Create(seed, index, 5), name, out string voice);
        var (va, expr) = WriteFrames(timeline, index, name, layout.FramesDirectory(annotation));
        string vaPath = layout.AnnotationPath(AffWild2Challenge.VA, split, annotation);
        string exprPath = layout.AnnotationPath(AffWild2Challenge.EXPR, split, annotation);
        Directory.CreateDirectory(Path.GetDirectoryName(vaPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(exprPath)!);
        VaFile.Write(vaPath, va);
        ExprFile.Write(exprPath, expr);

        var segments = new List<SynthSegment>();
        for (int i = 0; i < timeline.Segments.Count; i++)
        {
            var s = timeline.Segments[i];
            var (first, count) = FrameRange(s.Start, s.End);
            var (v, a) = s.Mean();
            segments.Add(new SynthSegment(Math.Round(s.Start.TotalSeconds, 3), Math.Round(s.End.TotalSeconds, 3), first, count,
                s.Expression.ToString(), Math.Round(v, 4), Math.Round(a, 4), sentences[i], s.Ambiguity));
        }
        return new SynthVideo(name, split, options.FrameCount, voice, Relative(layout.VideoPathForWriting(name)),
            Relative(layout.FramesDirectory(annotation)), [Relative(vaPath), Relative(exprPath)],
            Relative(layout.AudioPath(name)), Relative(layout.TranscriptPath(name)), segments);
    }

    private (VaAnnotation Va, ExprAnnotation Expr) WriteFrames(EmotionTimeline timeline, int index, string name, string framesDirectory)
    {
        int n = options.FrameCount;
        var valence = new float[n];
        var arousal = new float[n];
        var labels = new int[n];
        double scale = Math.Min(options.Width, options.Height);
        var renderer = new FaceRenderer(FaceAppearance.Draw(SeedMixer.Create(options.Seed, index, 2)), scale);
        var motion = new HeadMotion(SeedMixer.Create(options.Seed, index, 3), options.Fps, scale);
        var size = new Size(options.Width, options.Height);
        using var background = new Mat(size, MatType.CV_8UC3);
        using var frame = new Mat(size, MatType.CV_8UC3);
        using var patch = new Mat();
        using var crop = new Mat();
        renderer.DrawBackground(background);
        var rest = new Point2d(options.Width / 2.0, options.Height / 2.0 + 0.02 * scale);
        int cropSide = (int)Math.Round(2.5 * renderer.HalfHeight);
        using var sink = new FrameSink(layout.VideoPathForWriting(name), framesDirectory, options.Fps, size);
        for (int i = 0; i < n; i++)
        {
            // Frame i is rendered and labelled at the instant the feature cache stamps it (one rounding rule).
            var t = TimeSpan.FromMicroseconds(CacheLabels.FrameTimestamp(i, options.Fps));
            var segment = timeline.At(t);
            var (v, a) = segment.At(t);
            valence[i] = (float)Math.Round(v, 4);
            arousal[i] = (float)Math.Round(a, 4);
            labels[i] = (int)segment.Expression;
            // An uninformative face also moves and blinks like a calm neutral one, so motion gives nothing away.
            string? mode = segment.Ambiguity.Video;
            double shownArousal = mode is null ? a : -0.2;
            var (offset, roll, eyeOpen) = motion.Next(shownArousal);
            var center = new Point2d(rest.X + offset.X, rest.Y + offset.Y);
            var state = mode is null
                ? new FaceState(v, a, segment.Expression, center, roll, eyeOpen, null)
                : new FaceState(0, -0.2, ExpressionClass.Neutral, center, roll, eyeOpen, mode);
            background.CopyTo(frame);
            renderer.Draw(frame, state);
            // The crop follows the head centre (aligned), so in the crops only roll, blinks and the face itself move.
            Cv2.GetRectSubPix(frame, new Size(cropSide, cropSide), new Point2f((float)center.X, (float)center.Y), patch);
            Cv2.Resize(patch, crop, new Size(options.CropSize, options.CropSize), interpolation: InterpolationFlags.Area);
            sink.Write(frame, crop);
        }
        return (new VaAnnotation(valence, arousal), new ExprAnnotation(labels));
    }

    /// <summary>Speaks one sentence per segment into the WAV and writes the SRT; returns each segment's sentence.</summary>
    private string?[] WriteSpeech(EmotionTimeline timeline, Random text, Random audio, string name, out string voice)
    {
        voice = audio.Pick(s_voices);
        var track = new AudioTrack(options.EffectiveDuration, options.SampleRateHz);
        track.AddAmbience(audio, TimeSpan.Zero, options.EffectiveDuration, 0.002);
        var cues = new List<SrtCue>();
        var sentences = new string?[timeline.Segments.Count];
        for (int i = 0; i < timeline.Segments.Count; i++)
        {
            var s = timeline.Segments[i];
            var (v, a) = s.Mean();
            string sentence = s.Ambiguity.Text is null ? SentenceBank.Emotion(text, s.Expression, v) : SentenceBank.Neutral(text);
            var prosody = s.Ambiguity.Audio == "neutral-prosody" ? Prosody.Neutral : ExpressionProfile.Of(s.Expression).Speech(a);
            var start = s.Start + s_speechLead;
            var limit = s.End - s_speechTail;
            float[] samples = speech.Speak(sentence, voice, prosody);
            var spoken = TimeSpan.FromSeconds((double)samples.Length / options.SampleRateHz);
            if (spoken > limit - start)
            {
                // Too long for the segment: say a short form of it, a little faster.
                sentence = s.Ambiguity.Text is null ? SentenceBank.EmotionShort(text, s.Expression, v) : SentenceBank.Neutral(text);
                samples = speech.Speak(sentence, voice, prosody with { WordsPerMinute = prosody.WordsPerMinute + 40 });
                spoken = TimeSpan.FromSeconds((double)samples.Length / options.SampleRateHz);
            }
            var end = start + (spoken < limit - start ? spoken : limit - start);
            if (s.Ambiguity.Audio != "silence")
                track.Mix(samples, start, end);
            cues.Add(new SrtCue(start, end, sentence));
            sentences[i] = sentence;
        }
        Directory.CreateDirectory(layout.AudioDirectory);
        Directory.CreateDirectory(layout.TranscriptsDirectory);
        track.WriteWav(layout.AudioPath(name));
        SrtWriter.Write(layout.TranscriptPath(name), cues);
        return sentences;
    }

    private (int First, int Count) FrameRange(TimeSpan start, TimeSpan end)
    {
        int first = (int)Math.Ceiling(start.TotalSeconds * options.Fps - 1e-9);
        int last = Math.Min(options.FrameCount, (int)Math.Ceiling(end.TotalSeconds * options.Fps - 1e-9));
        return (first + 1, Math.Max(0, last - first));
    }

    private string Relative(string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
