using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Extractors;

/// <summary>
/// Runs an image model on one frame (or a crop of it) per call without allocating: the input and output tensors
/// live in pinned arrays wrapped once by <see cref="OrtValue"/>s and bound once through an <see cref="OrtIoBinding"/>.
/// </summary>
/// <remarks>
/// The model takes one float input [batch, 3, H, W] and gives one float output [batch, ...]; batch is run at 1.
/// Not thread-safe (one binding, one buffer): give each stream or worker its own extractor over a shared session.
/// The span returned by <see cref="Extract(VideoFrame)"/> is owned by the extractor and valid until the next call or Dispose.
/// </remarks>
public sealed class ImageExtractor : IDisposable
{
    private readonly ModelSession _model;
    private readonly ImagePreprocessor _preprocessor;
    private readonly float[] _input;     // pinned: [1, 3, H, W]
    private readonly float[] _output;    // pinned: [1, ...features]
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds <paramref name="model"/> (not owned; the caller disposes it after this extractor) to a preprocessor.</summary>
    public ImageExtractor(ModelSession model, ImageNormalization normalization)
    {
        _model = model;
        _preprocessor = new ImagePreprocessor(normalization);
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
            throw new ArgumentException($"{model.ModelPath}: an image extractor needs 1 input and 1 output; the graph has {model.Inputs.Count} and {model.Outputs.Count}.");
        var (inputName, inputMeta) = model.Inputs.First();
        var (outputName, outputMeta) = model.Outputs.First();
        int[] dims = inputMeta.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || (dims[2] > 0 && dims[2] != normalization.Height) || (dims[3] > 0 && dims[3] != normalization.Width))
            throw new ArgumentException($"{model.ModelPath}: input '{inputName}' is [{string.Join(", ", dims)}]; expected [batch, 3, {normalization.Height}, {normalization.Width}].");

        long[] inputShape = [1, 3, normalization.Height, normalization.Width];
        long[] outputShape = outputMeta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        _input = GC.AllocateArray<float>(normalization.SampleLength, pinned: true);
        _output = GC.AllocateArray<float>((int)outputShape.Aggregate(1L, (a, b) => a * b), pinned: true);
        _inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(), inputShape);
        _outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(), outputShape);
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(inputName, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
    }

    /// <summary>Feature length per frame.</summary>
    public int FeatureLength => _output.Length;

    /// <summary>The preprocessor's settings.</summary>
    public ImageNormalization Normalization => _preprocessor.Normalization;

    /// <summary>Features of the whole frame; valid until the next call.</summary>
    public ReadOnlySpan<float> Extract(VideoFrame frame)
    {
        _preprocessor.Write(frame, _input);
        return Run();
    }

    /// <summary>Features of the <paramref name="crop"/> region (a face, say); valid until the next call.</summary>
    public ReadOnlySpan<float> Extract(VideoFrame frame, PixelRect crop)
    {
        _preprocessor.Write(frame, crop, _input);
        return Run();
    }

    /// <summary>Runs the model on an already-filled input (exposed for benchmarks and tests).</summary>
    internal ReadOnlySpan<float> Run()
    {
        _model.Session.RunWithBinding(_runOptions, _binding);
        return _output;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
    }
}
