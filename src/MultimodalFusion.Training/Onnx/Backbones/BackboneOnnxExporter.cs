using MultimodalFusion.Onnx;
using MultimodalFusion.Training.Models.Backbones;

namespace MultimodalFusion.Training.Onnx.Backbones;

/// <summary>
/// Writes a <see cref="Backbone"/> as an ONNX graph (its eval-mode forward, batch norm folded into the convolutions)
/// with a dynamic batch axis, and its manifest beside it, in the layout the runtime extractors bind.
/// </summary>
/// <remarks>
/// One input, one output <c>[batch, d]</c>: image <c>image</c> [batch, 3, S, S] (ImageExtractor); clip <c>clip</c> NTCHW
/// [batch, T, 3, S, S] (ClipExtractor; transposed to NCTHW inside the graph); audio <c>logmel</c> [batch, frames, mels]
/// with a dynamic "frames" axis (AudioEncoder). The parity tests hold ONNX Runtime to TorchSharp within 1e-5.
/// </remarks>
public static class BackboneOnnxExporter
{
    /// <summary>Opset written.</summary>
    public const int Opset = 17;

    /// <summary>Name of the symbolic time axis of an audio input.</summary>
    public const string FramesAxis = "frames";

    /// <summary>The graph input's name for a backbone kind.</summary>
    public static string InputName(BackboneKind kind) => kind switch
    {
        BackboneKind.Image => "image",
        BackboneKind.Clip => "clip",
        _ => "logmel",
    };

    /// <summary>The graph input's dimensions: "batch" (and "frames" for audio) symbolic, the rest fixed (longs).</summary>
    public static IReadOnlyList<object> InputDims(Backbone model) => model switch
    {
        SmallImageCnn image => ["batch", 3L, (long)image.Options.InputSize, (long)image.Options.InputSize],
        ClipStem clip => ["batch", (long)clip.Options.FrameCount, 3L, (long)clip.Options.InputSize, (long)clip.Options.InputSize],
        LogMelAudioEncoder audio => ["batch", FramesAxis, (long)audio.Options.MelBins],
        _ => throw new NotSupportedException($"ONNX export: no writer for backbone type {model.GetType().Name}."),
    };

    /// <summary>Builds the graph in memory. The model is read, not changed (its training/eval mode is irrelevant: export is eval).</summary>
    public static OnnxGraphBuilder BuildGraph(Backbone model, BackboneExportOptions export)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(export);
        ArgumentException.ThrowIfNullOrWhiteSpace(export.Name);
        var ctx = new OnnxExportContext(new OnnxGraphBuilder(export.Name, Opset) { DocString = $"MultimodalFusion backbone ({Describe(model)})" });
        var emit = new ConvOnnxEmitter(ctx);
        string input = InputName(model.Kind);
        ctx.Builder.AddInput(input, OnnxElementType.Float, InputDims(model).Select(d => d is string s ? OnnxDim.Symbolic(s) : OnnxDim.Fixed((long)d)).ToArray());
        string features = model switch
        {
            SmallImageCnn image => ctx.Linear(emit.Trunk(input, image.Trunk, "trunk"), image.Projection, "proj"),
            ClipStem clip => WriteClip(ctx, emit, clip, input),
            LogMelAudioEncoder audio => WriteAudio(ctx, emit, audio, input),
            _ => throw new NotSupportedException($"ONNX export: no writer for backbone type {model.GetType().Name}."),
        };
        ctx.Builder.AddNode("Identity", [features], [export.OutputName]);
        ctx.Builder.AddOutput(export.OutputName, OnnxElementType.Float, "batch", model.FeatureSize);
        return ctx.Builder;
    }

    /// <summary>
    /// Writes <c>{directory}/{Name}.onnx</c> and its manifest <c>{Name}.json</c>; returns the .onnx path.
    /// Both files are replaced atomically.
    /// </summary>
    public static string Export(Backbone model, BackboneExportOptions export, string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = Path.Combine(Path.GetFullPath(directory), export.Name + ".onnx");
        var graph = BuildGraph(model, export);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        graph.Save(temp);
        File.Move(temp, path, overwrite: true);
        BackboneManifestWriter.Write(model, export, path);
        return path;
    }

    /// <summary>One line for the manifest's provenance: the layers and sizes.</summary>
    public static string Describe(Backbone model) => model switch
    {
        SmallImageCnn i => $"small image cnn {i.Options.InputSize}x{i.Options.InputSize}: conv3x3/bn/relu s2 [{string.Join(", ", i.Options.Channels)}] + gap + linear {i.FeatureSize}",
        ClipStem c => $"clip stem T{c.Options.FrameCount} {c.Options.InputSize}x{c.Options.InputSize}: conv3d {c.Options.TemporalKernel}x3x3 s{c.Options.TemporalStride}x2x2 "
            + $"{c.Options.StemChannels} + time fold conv3d {c.Options.StemFrames}x1x1 {c.Options.FoldChannels} + conv3x3/bn/relu s2 [{string.Join(", ", c.Options.Channels)}] + gap + linear {c.FeatureSize}",
        LogMelAudioEncoder a => $"log-mel encoder {a.Options.MelBins} mels: bn + conv1d k3/bn/relu [{string.Join(", ", a.Options.Channels)}] strides [{string.Join(", ", a.Options.Strides)}] "
            + $"+ mean over time + linear {a.FeatureSize}",
        _ => model.GetType().Name,
    };

    private static string WriteClip(OnnxExportContext ctx, ConvOnnxEmitter emit, ClipStem clip, string input)
    {
        string ncthw = ctx.Transpose(input, "clip_ncthw", 0, 2, 1, 3, 4);
        string stem = emit.Block(ncthw, clip.Stem, "stem");
        string folded = ctx.Node("Squeeze", "fold_squeeze", emit.Block(stem, clip.Fold, "fold"), ctx.Int64s(2));
        return ctx.Linear(emit.Trunk(folded, clip.Trunk, "trunk"), clip.Projection, "proj");
    }

    private static string WriteAudio(OnnxExportContext ctx, ConvOnnxEmitter emit, LogMelAudioEncoder audio, string input)
    {
        string x = emit.BatchNormAffine(ctx.Transpose(input, "mels_first", 0, 2, 1), audio.InputNorm, 3, "input_norm");
        for (int i = 0; i < audio.Blocks.Count; i++)
            x = emit.Block(x, audio.Blocks[i], $"block{i}");
        return ctx.Linear(emit.GlobalAveragePool(x, "time"), audio.Projection, "proj");
    }
}
