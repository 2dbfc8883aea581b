using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Inference.Extractors;

/// <summary>
/// Temporal clip stream (arXiv 2203.13472): samples <see cref="FrameCount"/> frames evenly over a time span, preprocesses
/// each into one reused, pinned clip tensor bound once through an <see cref="OrtIoBinding"/>, and runs the clip model
/// to one feature vector per span, without allocating in steady state.
/// </summary>
/// <remarks>
/// Input layout is NTCHW: one float input [batch, T, 3, H, W] (frame-major; each frame is a planar CHW image exactly as
/// <see cref="ImagePreprocessor"/> writes it), so a trainer whose 3D-conv stem wants NCTHW transposes axes 1 and 2 inside
/// the exported graph. The output is [batch, d]; batch is run at 1. Sampling: see <see cref="ClipSampler"/>.
/// Not thread-safe (one binding, one buffer): one extractor per stream over a shared session. The span returned by
/// <see cref="TryExtract(IReadOnlyList{VideoFrame}, long, long, out ReadOnlySpan{float})"/> is owned by the extractor
/// and valid until the next call or Dispose.
/// </remarks>
public sealed class ClipExtractor : IDisposable
{
    /// <summary>Frames per clip in the paper's setting.</summary>
    public const int DefaultFrameCount = 16;

    private readonly ModelSession _model;
    private readonly ImagePreprocessor _preprocessor;
    private readonly float[] _input;     // pinned: [1, T, 3, H, W]
    private readonly float[] _output;    // pinned: [1, d]
    private readonly int[] _picks;       // frame index per clip position of the last successful call
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();

    /// <summary>Binds <paramref name="model"/> (not owned; the caller disposes it after this extractor) to a preprocessor.</summary>
    public ClipExtractor(ModelSession model, ImageNormalization normalization, int frameCount = DefaultFrameCount)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        _model = model;
        _preprocessor = new ImagePreprocessor(normalization);
        if (model.Inputs.Count != 1 || model.Outputs.Count != 1)
            throw new ArgumentException($"{model.ModelPath}: a clip extractor needs 1 input and 1 output; the graph has {model.Inputs.Count} and {model.Outputs.Count}.");
        var (inputName, inputMeta) = model.Inputs.First();
        var (outputName, outputMeta) = model.Outputs.First();
        int[] dims = inputMeta.Dimensions;
        if (dims.Length != 5 || (dims[1] > 0 && dims[1] != frameCount) || dims[2] != 3
            || (dims[3] > 0 && dims[3] != normalization.Height) || (dims[4] > 0 && dims[4] != normalization.Width))
            throw new ArgumentException($"{model.ModelPath}: input '{inputName}' is [{string.Join(", ", dims)}]; expected NTCHW [batch, {frameCount}, 3, {normalization.Height}, {normalization.Width}].");
        int[] outDims = outputMeta.Dimensions;
        if (outDims.Length != 2 || outDims[1] <= 0)
            throw new ArgumentException($"{model.ModelPath}: output '{outputName}' is [{string.Join(", ", outDims)}]; expected [batch, d] with a fixed d.");

        FrameCount = frameCount;
        _picks = new int[frameCount];
        _input = GC.AllocateArray<float>(frameCount * normalization.SampleLength, pinned: true);
        _output = GC.AllocateArray<float>(outDims[1], pinned: true);
        _inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _input.AsMemory(),
            [1, frameCount, 3, normalization.Height, normalization.Width]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _output.AsMemory(), [1, outDims[1]]);
        _binding = model.Session.CreateIoBinding();
        _binding.BindInput(inputName, _inputValue);
        _binding.BindOutput(outputName, _outputValue);
    }

    /// <summary>Frames per clip (T).</summary>
    public int FrameCount { get; }

    /// <summary>Feature length d per clip.</summary>
    public int FeatureLength => _output.Length;

    /// <summary>The preprocessor's settings.</summary>
    public ImageNormalization Normalization => _preprocessor.Normalization;

    /// <summary>Indices (into the list passed last) of the frames the last successful call sampled; valid until the next call.</summary>
    public ReadOnlySpan<int> LastSampledIndices => _picks;

    /// <summary>Clip features of the whole window; false (window absent for this stream) when it holds no frame.</summary>
    public bool TryExtract(AlignedWindow window, out ReadOnlySpan<float> features)
    {
        ArgumentNullException.ThrowIfNull(window);
        return TryExtract(window.Video, window.StartMicros, window.EndMicros, out features);
    }

    /// <summary>
    /// Clip features of the frames of <paramref name="frames"/> (time order) whose time is in
    /// [<paramref name="startMicros"/>, <paramref name="endMicros"/>); false, with an empty span, when none is.
    /// The frames stay owned by the caller; the features are valid until the next call.
    /// </summary>
    public bool TryExtract(IReadOnlyList<VideoFrame> frames, long startMicros, long endMicros, out ReadOnlySpan<float> features)
    {
        features = default;
        if (!ClipSampler.Sample(frames, startMicros, endMicros, _picks))
            return false;
        int sample = _preprocessor.Normalization.SampleLength;
        Span<float> input = _input;
        for (int k = 0; k < _picks.Length; k++)
        {
            Span<float> slice = input.Slice(k * sample, sample);
            if (k > 0 && _picks[k] == _picks[k - 1])
                input.Slice((k - 1) * sample, sample).CopyTo(slice);   // repeated frame: copy, don't resample
            else
                _preprocessor.Write(frames[_picks[k]], slice);
        }
        _model.Session.RunWithBinding(_runOptions, _binding);
        features = _output;
        return true;
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
