using OpenCvSharp;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;
using MultimodalFusion.Synthesis.Manifest;
using MultimodalFusion.Synthesis.Rendering;
using MultimodalFusion.Synthesis.Speech;
using MultimodalFusion.Synthesis.Text;

namespace MultimodalFusion.Synthesis.Violence;

/// <summary>
/// Generates one violence clip in the DVD layout: frames (.mp4 and numbered JPEGs), per-frame 0/1 labels,
/// street ambience with shouting and impact bursts in fights (16 kHz WAV), and an SRT of what is said.
/// </summary>
/// <remarks>Random streams derive from the seed and the clip index; thread-safe (all state per call).</remarks>
internal sealed class ViolenceVideoGenerator(SynthOptions options, EspeakSpeech speech, DvdLayout layout)
{
    /// <summary>The DVD split folder for training clips.</summary>
    public const string TrainSplit = "train";

    /// <summary>The DVD split folder for validation clips.</summary>
    public const string ValidationSplit = "val";

    private static readonly string[] s_voices = ["en-us", "en", "en+m3", "en-us+m7", "en+f3"];
    private static readonly Prosody s_calm = new(35, 55, 150);
    private static readonly Prosody s_shout = new(85, 200, 230);
    private static readonly TimeSpan s_runnerCrossing = TimeSpan.FromSeconds(1.5);

    /// <summary>Writes clip <paramref name="index"/> as <paramref name="name"/> into <paramref name="split"/>.</summary>
    public SynthVideo Generate(int index, string name, string split)
    {
        var timeline = ViolenceTimeline.Create(SeedMixer.Create(options.Seed, index, 1), options.EffectiveDuration, options.AmbiguousFraction);
        var sentences = WriteAudio(timeline, SeedMixer.Create(options.Seed, index, 4), SeedMixer.Create(options.Seed, index, 5), split, name, out string voice);
        var labels = WriteFrames(timeline, SeedMixer.Create(options.Seed, index, 2), split, name);
        string labelPath = layout.LabelPath(split, name);
        Directory.CreateDirectory(Path.GetDirectoryName(labelPath)!);
        DvdLabelFile.Write(labelPath, DvdLabels.Consecutive(labels));

        var segments = new List<SynthSegment>();
        for (int i = 0; i < timeline.Segments.Count; i++)
        {
            var s = timeline.Segments[i];
            int first = (int)Math.Ceiling(s.Start.TotalSeconds * options.Fps - 1e-9);
            int last = Math.Min(options.FrameCount, (int)Math.Ceiling(s.End.TotalSeconds * options.Fps - 1e-9));
            segments.Add(new SynthSegment(Math.Round(s.Start.TotalSeconds, 3), Math.Round(s.End.TotalSeconds, 3), first + 1, Math.Max(0, last - first),
                s.Label, null, null, sentences[i], s.Ambiguity));
        }
        return new SynthVideo(name, split, options.FrameCount, voice, Relative(layout.VideoPath(split, name)), Relative(layout.FramesDirectory(split, name)),
            [Relative(labelPath)], Relative(layout.AudioPath(split, name)), Relative(layout.TranscriptPath(split, name)), segments);
    }

    private int[] WriteFrames(ViolenceTimeline timeline, Random random, string split, string name)
    {
        int n = options.FrameCount;
        var labels = new int[n];
        var size = new Size(options.Width, options.Height);
        var scene = new SceneRenderer(random, options.Width, options.Height);
        using var background = new Mat(size, MatType.CV_8UC3);
        using var frame = new Mat(size, MatType.CV_8UC3);
        scene.DrawBackground(background);
        using var sink = new FrameSink(layout.VideoPath(split, name), layout.FramesDirectory(split, name), options.Fps, size);
        for (int i = 0; i < n; i++)
        {
            // Frame i is rendered and labelled at the instant the feature cache stamps it (one rounding rule).
            var t = TimeSpan.FromMicroseconds(CacheLabels.FrameTimestamp(i, options.Fps));
            var s = timeline.At(t);
            labels[i] = s.Violent ? 1 : 0;
            Point2d? fight = s.Violent && s.Ambiguity.Video is null ? s.MeetingPoint : null;
            double? runner = null;
            if (s.Ambiguity.Video == "fast-passerby")
            {
                // The runner crosses once, starting a second into the segment (or at its start when it is short).
                var runStart = s.Start + TimeSpan.FromSeconds(Math.Min(1, Math.Max(0, (s.Duration - s_runnerCrossing).TotalSeconds)));
                double u = (t - runStart) / s_runnerCrossing;
                runner = u is >= 0 and <= 1 ? u : null;
            }
            background.CopyTo(frame);
            scene.Draw(frame, t.TotalSeconds, options.Fps, fight, runner);
            sink.Write(frame, frame);
        }
        return labels;
    }

    /// <summary>Writes the WAV and the SRT; returns each segment's sentence (null when none).</summary>
    private string?[] WriteAudio(ViolenceTimeline timeline, Random text, Random audio, string split, string name, out string voice)
    {
        voice = audio.Pick(s_voices);
        var track = new AudioTrack(options.EffectiveDuration, options.SampleRateHz);
        track.AddAmbience(audio, TimeSpan.Zero, options.EffectiveDuration, 0.01);
        var cues = new List<SrtCue>();
        var sentences = new string?[timeline.Segments.Count];
        for (int i = 0; i < timeline.Segments.Count; i++)
        {
            var s = timeline.Segments[i];
            bool loud = s.Violent && s.Ambiguity.Audio is null;
            string? sentence = s.Ambiguity.Text switch
            {
                "calm-sentence" => SentenceBank.Calm(text),
                "no-sentence" => null,
                _ => s.Violent ? SentenceBank.Aggressive(text) : SentenceBank.Calm(text),
            };
            if (loud)
            {
                for (var at = s.Start + TimeSpan.FromSeconds(audio.Uniform(0.1, 0.4)); at < s.End; at += TimeSpan.FromSeconds(audio.Uniform(0.25, 0.7)))
                    track.AddBurst(audio, at, TimeSpan.FromSeconds(audio.Uniform(0.08, 0.2)), audio.Uniform(0.4, 0.8));
            }
            if (s.Ambiguity.Audio == "loud-bang")
                track.AddBurst(audio, s.Start + s.Duration * audio.Uniform(0.2, 0.7), TimeSpan.FromSeconds(0.25), 0.85);
            if (sentence is null)
                continue;
            var start = s.Start + TimeSpan.FromSeconds(0.3);
            var limit = s.End - TimeSpan.FromSeconds(0.1);
            float[] samples = speech.Speak(sentence, voice, loud ? s_shout : s_calm);
            var spoken = TimeSpan.FromSeconds((double)samples.Length / options.SampleRateHz);
            var end = start + (spoken < limit - start ? spoken : limit - start);
            track.Mix(samples, start, end, loud ? 1f : 0.6f);
            cues.Add(new SrtCue(start, end, sentence));
            sentences[i] = sentence;
        }
        string wav = layout.AudioPath(split, name), srt = layout.TranscriptPath(split, name);
        Directory.CreateDirectory(Path.GetDirectoryName(wav)!);
        Directory.CreateDirectory(Path.GetDirectoryName(srt)!);
        track.WriteWav(wav);
        SrtWriter.Write(srt, cues);
        return sentences;
    }

    private string Relative(string path) => Path.GetRelativePath(layout.Root, path).Replace('\\', '/');
}
