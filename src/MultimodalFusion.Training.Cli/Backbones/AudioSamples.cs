using MultimodalFusion.Features.Audio;
using NAudio.Wave;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// Log-mel window samples for an audio backbone: windows of <c>window</c> every <c>hop</c> from each video's WAV
/// (sample 0 = frame 0, as <c>mmf features</c> and the runtime align them), computed by the runtime's own
/// <see cref="LogMelSpectrogram"/>, labelled by the frames inside the window.
/// </summary>
/// <remarks>A trailing partial window is dropped, as at run time. The WAV must be mono at the log-mel sample rate.</remarks>
internal static class AudioSamples
{
    /// <summary>The log-mel windows [n, frames, mels] and targets of <paramref name="videos"/>; the caller owns the dataset.</summary>
    public static Trainer.BackboneDataset Build(IEnumerable<LabelledVideo> videos, BackboneTargets targets, LogMelOptions logMel,
        TimeSpan window, TimeSpan hop, double fps)
    {
        var spectrogram = new LogMelSpectrogram(logMel);
        int windowSamples = (int)Math.Round(window.TotalSeconds * logMel.SampleRateHz);
        int hopSamples = (int)Math.Round(hop.TotalSeconds * logMel.SampleRateHz);
        int frames = spectrogram.FrameCount(windowSamples), melLength = frames * logMel.MelBins;
        var mels = new List<float>();
        var classes = new List<long>();
        var values = new List<float>();
        var target = new float[targets.OutputSize];
        var buffer = new float[melLength];
        int count = 0;
        foreach (LabelledVideo video in videos)
        {
            if (video.AudioPath is null)
                continue;
            float[] samples = ReadMono(video.AudioPath, logMel.SampleRateHz);
            for (int start = 0; start + windowSamples <= samples.Length; start += hopSamples)
            {
                // Label frames whose time i / fps lies in [start, start + window).
                double t0 = (double)start / logMel.SampleRateHz;
                int first = (int)Math.Ceiling(t0 * fps - 1e-9), end = (int)Math.Ceiling((t0 + window.TotalSeconds) * fps - 1e-9);
                long? label = null;
                if (targets.IsClassification ? (label = targets.ClassOf(video, first, end)) is null : !targets.ValuesOf(video, first, end, target))
                    continue;
                spectrogram.Compute(samples.AsSpan(start, windowSamples), buffer);
                mels.AddRange(buffer);
                if (label is long c)
                    classes.Add(c);
                else
                    values.AddRange(target);
                count++;
            }
        }
        if (count == 0)
            throw new InvalidDataException("no labelled audio windows: the dataset has no audio/NAME.wav beside its annotations, or they are shorter than one window.");
        var inputs = tensor(mels.ToArray(), [count, frames, logMel.MelBins]);
        var labels = targets.IsClassification ? tensor(classes.ToArray()) : tensor(values.ToArray(), [count, targets.OutputSize]);
        return new Trainer.BackboneDataset(inputs, labels);
    }

    /// <summary>All samples of a mono WAV at <paramref name="sampleRateHz"/>; other formats fail naming the file.</summary>
    public static float[] ReadMono(string path, int sampleRateHz)
    {
        using var reader = new WaveFileReader(path);
        if (reader.WaveFormat.Channels != 1 || reader.WaveFormat.SampleRate != sampleRateHz)
            throw new InvalidDataException($"{path}: {reader.WaveFormat.SampleRate} Hz, {reader.WaveFormat.Channels} channel(s); the audio backbone trains on mono {sampleRateHz} Hz WAVs (as mmf synth writes them).");
        var provider = reader.ToSampleProvider();
        var samples = new List<float>((int)(reader.SampleCount > 0 ? reader.SampleCount : 0));
        var chunk = new float[8192];
        int read;
        while ((read = provider.Read(chunk.AsSpan())) > 0)
            samples.AddRange(chunk.AsSpan(0, read));
        return samples.ToArray();
    }
}
