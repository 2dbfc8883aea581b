using System.Runtime.InteropServices;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using OpenCvSharp;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Cli.Backbones;

/// <summary>
/// Per-frame image samples for an image backbone: every <c>step</c>-th labelled frame of each video, decoded with
/// OpenCV (BGR) and written by the runtime's <see cref="ImagePreprocessor"/> (whole image, bilinear resize, the
/// manifest's mean/std), so training sees exactly the planes <c>ImageExtractor</c> gives the exported model.
/// </summary>
internal static class ImageSamples
{
    /// <summary>The images and targets of <paramref name="videos"/>; the caller owns the returned dataset.</summary>
    /// <param name="videos">Annotated videos (frame folders of NNNNN.jpg).</param>
    /// <param name="targets">What each frame is labelled with.</param>
    /// <param name="normalization">Size and mean/std of the planes (what the manifest will declare).</param>
    /// <param name="step">Take every step-th frame (1 = all).</param>
    /// <param name="maxSamples">Stop after this many samples (spread over the videos by the step); 0 = no limit.</param>
    public static Trainer.BackboneDataset Build(IEnumerable<LabelledVideo> videos, BackboneTargets targets, ImageNormalization normalization,
        int step, int maxSamples = 0)
    {
        var preprocessor = new ImagePreprocessor(normalization);
        int sampleLength = normalization.SampleLength;
        var pixels = new List<float>();
        var classes = new List<long>();
        var values = new List<float>();
        var target = new float[targets.OutputSize];
        byte[] bgr = [];
        float[] planes = new float[sampleLength];
        int count = 0;
        foreach (LabelledVideo video in videos)
        {
            for (int i = 0; i < video.FrameCount; i += step)
            {
                if (maxSamples > 0 && count >= maxSamples)
                    break;
                string path = Path.Combine(video.FramesDirectory, FrameFolderName(i + 1));
                if (!File.Exists(path))
                    continue;
                long? label = null;
                if (targets.IsClassification ? (label = targets.ClassOf(video, i, i + 1)) is null : !targets.ValuesOf(video, i, i + 1, target))
                    continue;
                using (var mat = Cv2.ImRead(path, ImreadModes.Color))
                {
                    if (mat.Empty())
                        throw new InvalidDataException($"{path}: not a readable image.");
                    int bytes = mat.Cols * mat.Rows * 3;
                    if (bgr.Length < bytes)
                        bgr = new byte[bytes];
                    using var continuous = mat.IsContinuous() ? null : mat.Clone();
                    Marshal.Copy((continuous ?? mat).Data, bgr, 0, bytes);
                    preprocessor.Write(bgr.AsSpan(0, bytes), mat.Cols, mat.Rows, PixelFormat.Bgr24, new PixelRect(0, 0, mat.Cols, mat.Rows), planes);
                }
                pixels.AddRange(planes);
                if (label is long c)
                    classes.Add(c);
                else
                    values.AddRange(target);
                count++;
            }
        }
        if (count == 0)
            throw new InvalidDataException("no labelled frame images were found (frame folders of NNNNN.jpg beside the annotations).");
        var inputs = tensor(pixels.ToArray(), [count, 3, normalization.Height, normalization.Width]);
        var labels = targets.IsClassification ? tensor(classes.ToArray()) : tensor(values.ToArray(), [count, targets.OutputSize]);
        return new Trainer.BackboneDataset(inputs, labels);
    }

    /// <summary>NNNNN.jpg for a 1-based frame number (Aff-Wild2 and DVD frame folders).</summary>
    private static string FrameFolderName(int frameNumber) => Datasets.AffWild2.FrameFolder.FileName(frameNumber);
}
