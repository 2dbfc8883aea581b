using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MultimodalFusion.Benchmarks.E2e;
using MultimodalFusion.Benchmarks.Media;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.TestSupport;
using OpenCvSharp;

namespace MultimodalFusion.Benchmarks.Gpu;

/// <summary>
/// The GPU mode: the Swin-T face path (face detection, crop and preprocessing on the CPU, then the Swin-T extractor)
/// on every <see cref="GpuVariant"/> and batch size, as a markdown table on the console and in the artifacts folder.
/// </summary>
/// <remarks>
/// Inputs and outputs live in CPU memory, as frames do in the pipeline, so each run includes the host-device copies.
/// The first runs of each variant and batch are untimed (TensorRT builds or loads its engine there). A variant whose
/// provider cannot start is reported with the reason and skipped. Exit code 1 when no GPU variant ran.
/// </remarks>
public sealed class GpuBench(GpuOptions options, TextWriter output)
{
    private const int WarmUpRuns = 5;

    /// <summary>Runs every variant; returns the exit code.</summary>
    public int Run()
    {
        string scratch = Directory.CreateTempSubdirectory("mmf-gpu").FullName;
        try
        {
            string model = options.Swin == GpuOptions.StandIn ? Models.BenchGraphs.ImageCnn(scratch) : Path.GetFullPath(options.Swin);
            return Run(model, options.Swin == GpuOptions.StandIn ? "stand-in: the representative image CNN, not Swin-T" : "Swin-T");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private int Run(string model, string what)
    {
        var md = new StringBuilder();
        void Line(string text = "")
        {
            md.AppendLine(text);
            output.WriteLine(text);
        }
        Line("# GPU benchmark: Swin-T face path");
        Line();
        Line($"{E2eReport.Environment()}; ONNX Runtime providers: {string.Join(", ", OnnxSessionFactory.AvailableProviders())}; " +
            $"GPU build: {OnnxSessionFactory.IsGpuBuild}; model {model} ({what})");
        Line();
        float[] face = PreprocessedFace(out string faceTiming);
        Line(faceTiming);
        Line();
        Line("| provider | precision | streams (batch) | p50 ms | p99 ms | images/s | max abs diff vs CUDA fp32 |");
        Line("|---|---|---:|---:|---:|---:|---:|");
        var reference = new Dictionary<int, float[]>();
        int gpuRows = 0;
        string cache = Path.Combine(Path.GetFullPath(options.Artifacts), "trt-cache");
        foreach (GpuVariant variant in GpuVariant.For(model))
        {
            InferenceSession session;
            try
            {
                session = variant.Create(options.Device, cache);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                Line($"| {variant.Provider} | {variant.Precision} | - | - | - | - | not available: {ex.Message.Split('\n')[0].Trim()} |");
                continue;
            }
            using (session)
            {
                foreach (int batch in options.Batches)
                {
                    int iterations = variant.Provider == "CPU" ? options.CpuIterations : options.Iterations;
                    var (times, outputs) = Time(session, face, batch, iterations);
                    if (variant is { Provider: "CUDA", Precision: "fp32" })
                        reference[batch] = outputs;
                    string diff = reference.TryGetValue(batch, out float[]? r) ? MaxAbsDiff(r, outputs).ToString("G3", CultureInfo.InvariantCulture) : "-";
                    var summary = new LatencySummary(times);
                    double perSecond = batch * 1e6 / summary.Mean;
                    Line($"| {variant.Provider} | {variant.Precision} | {batch} | {summary.Percentile(50) / 1000.0:F2} | {summary.Percentile(99) / 1000.0:F2} | {perSecond:F0} | {diff} |");
                    gpuRows += variant.Provider == "CPU" ? 0 : 1;
                }
            }
        }
        string path = Path.Combine(Path.GetFullPath(options.Artifacts), $"gpu-{DateTime.UtcNow:yyyyMMdd-HHmmss}.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, md.ToString());
        output.WriteLine($"report: {path}");
        return gpuRows > 0 ? 0 : 1;
    }

    /// <summary>The face of astronaut.png, cropped and preprocessed to 1x3x224x224, and how long that took on the CPU.</summary>
    private static float[] PreprocessedFace(out string timing)
    {
        string path = RepoPaths.Media("astronaut.png");
        using Mat image = Cv2.ImRead(path, ImreadModes.Color);
        if (image.Empty())
            throw new InvalidDataException($"{path}: OpenCV cannot read the image.");
        using VideoFrame frame = BenchMedia.ToVideoFrame(image);
        using var detector = new HaarFaceDetector();
        var cropper = new FaceCropper(detector);
        var preprocessor = new ImagePreprocessor(new ImageNormalization { Width = 224, Height = 224 });
        var face = new float[3 * 224 * 224];
        var times = new List<long>();
        PixelRect? crop = null;
        for (int i = 0; i < 10; i++)
        {
            long start = Stopwatch.GetTimestamp();
            crop = cropper.Crop(frame) ?? throw new InvalidDataException($"{path}: no face found; the face path needs one.");
            preprocessor.Write(frame, crop.Value, face);
            times.Add((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        var summary = new LatencySummary(times);
        timing = $"CPU part per frame (Haar face detection + crop + preprocessing of {Path.GetFileName(path)}, {frame.Width}x{frame.Height}, face {crop}): " +
            $"p50 {summary.Percentile(50) / 1000.0:F2} ms over {summary.Count} runs.";
        return face;
    }

    /// <summary>Per-run times (microseconds) of <paramref name="iterations"/> runs of a batch of <paramref name="batch"/> copies of the face.</summary>
    private static (List<long> Times, float[] Outputs) Time(InferenceSession session, float[] face, int batch, int iterations)
    {
        string inputName = session.InputMetadata.Keys.First();
        string outputName = session.OutputMetadata.Keys.First();
        bool half = session.InputMetadata[inputName].ElementDataType == TensorElementType.Float16;
        long[] shape = [batch, 3, 224, 224];
        using OrtValue input = half
            ? OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, batch).SelectMany(_ => face).Select(v => (Float16)v).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(Enumerable.Range(0, batch).SelectMany(_ => face).ToArray(), shape);
        using var run = new RunOptions();
        var times = new List<long>(iterations);
        float[] outputs = [];
        for (int i = 0; i < WarmUpRuns + iterations; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(run, [inputName], [input], [outputName]);
            long elapsed = (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            if (i >= WarmUpRuns)
                times.Add(elapsed);
            if (i == WarmUpRuns + iterations - 1)
                outputs = results.First().GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16
                    ? [.. results.First().GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)h)]
                    : results.First().GetTensorDataAsSpan<float>().ToArray();
        }
        return (times, outputs);
    }

    private static float MaxAbsDiff(float[] a, float[] b) =>
        a.Length != b.Length ? float.NaN : a.Zip(b, (x, y) => MathF.Abs(x - y)).DefaultIfEmpty(0).Max();
}
