using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>
/// The emotion monitor's models, found in a folder by manifest: the fusion model(s) giving <c>va</c> [batch, 2] and
/// <c>expr</c> [batch, 8] (two models, task va and task expr, or one model with both outputs) and, for every stream
/// they fuse, its extractor: <c>video</c> (role face, else image; Haar face crop), <c>clip</c> (role clip, one clip
/// per window), <c>audio</c> (role audio) and <c>text</c> (role text, else the MiniLM packaged with the build).
/// </summary>
/// <remarks>
/// <para>Window length and hop come from the VA model's manifest (<c>window</c>) unless given; the fusion time axis
/// gets <see cref="TimeSteps"/> = window length x <c>window.videoFps</c> slots (8 when the manifest has no rate). Each
/// audio slot is encoded over the audio model's own window length (at most the fusion window), so the encoder sees
/// the span it was trained on; slots the window cannot fill stay absent.</para>
/// <para>Every failure throws <see cref="ModelLoadException"/> naming the file (or folder) and what is wrong, and
/// saying how to get the default models (<see cref="Hint"/>). Owns every session, runner and extractor; dispose once
/// after the stage that uses <see cref="Features"/> and <see cref="Fusion"/> has stopped. Not thread-safe.</para>
/// </remarks>
public sealed class EmotionModels : IDisposable
{
    /// <summary>How to get working models; appended to every error.</summary>
    public const string Hint = "get the default models with 'bash tools/build-default-models.sh' (writes onnx/), or pass --models DIR with your own";

    /// <summary>Time slots used when the fusion manifest gives no video rate.</summary>
    public const int DefaultTimeSteps = 8;

    private readonly List<IDisposable> _owned = [];
    private readonly List<EmotionFusionModel> _fusion = [];
    private readonly List<IWindowFeatures> _features = [];
    private readonly List<string> _used = [];
    private readonly ILogger _logger;

    private EmotionModels(ILogger logger) => _logger = logger;

    /// <summary>The fusion models to run per window: one with both outputs, or the VA model then the expression model.</summary>
    public IReadOnlyList<EmotionFusionModel> Fusion => _fusion;

    /// <summary>One feature source per stream some fusion model takes, in first-use order.</summary>
    public IReadOnlyList<IWindowFeatures> Features => _features;

    /// <summary>Slots on the fusion time axis.</summary>
    public int TimeSteps { get; private set; }

    /// <summary>Window length the aligner should use.</summary>
    public TimeSpan Window { get; private set; }

    /// <summary>Hop the aligner should use.</summary>
    public TimeSpan Hop { get; private set; }

    /// <summary>The face features of the video stream, when a model takes video (for its counters).</summary>
    public FaceWindowFeatures? Faces { get; private set; }

    /// <summary>One line per model in use: stream or output, name, file.</summary>
    public IReadOnlyList<string> Description => _used;

    /// <summary>
    /// Loads the models in <paramref name="modelsDirectory"/>. <paramref name="window"/>/<paramref name="hop"/> override the
    /// manifest's; <paramref name="miniLmDllPath"/> locates the packaged MiniLM (default: beside the binaries).
    /// </summary>
    /// <exception cref="ModelLoadException">A model is missing or wrong; the message names it and says how to get the defaults.</exception>
    public static EmotionModels Load(string modelsDirectory, TimeSpan? window = null, TimeSpan? hop = null,
        string? miniLmDllPath = null, ILoggerFactory? loggerFactory = null, OrtSessionOptions? sessionOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelsDirectory);
        var models = new EmotionModels((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmotionModels>());
        try
        {
            models.LoadAll(modelsDirectory, window, hop, miniLmDllPath, new ModelLoader(), sessionOptions);
            return models;
        }
        catch (ModelLoadException ex)
        {
            models.Dispose();
            throw new ModelLoadException(ex.ModelPath, $"{ex.Message[(ex.ModelPath.Length + 2)..].TrimEnd('.')}; {Hint}.", ex);
        }
        catch (ArgumentException ex)
        {
            // Extractors check their graph's shapes and name the file in the message.
            models.Dispose();
            throw new ModelLoadException(modelsDirectory, $"{ex.Message.TrimEnd('.')}; {Hint}.", ex);
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    private void LoadAll(string dir, TimeSpan? window, TimeSpan? hop, string? miniLmDllPath, ModelLoader loader, OrtSessionOptions? options)
    {
        var catalog = ModelFolder.Read(dir, _logger);
        var (vaPath, exprPath) = PickFusion(catalog);
        LoadedModel va = Own(loader.Load(vaPath, options));
        LoadedModel? expr = exprPath == vaPath ? null : Own(loader.Load(exprPath, options));
        RequireOutput(vaPath, va.Manifest, EmotionLabels.VaOutput, 2);
        RequireOutput(exprPath, (expr ?? va).Manifest, EmotionLabels.ExpressionOutput, EmotionLabels.Count);

        WindowSpec? spec = va.Manifest.Window;
        if (expr?.Manifest.Window is { } other && spec is not null && (other.Length != spec.Length || other.VideoFps != spec.VideoFps))
            _logger.LogWarning("{Expr} was trained on {ExprWindow} windows at {ExprFps} fps, {Va} on {VaWindow} at {VaFps}; using the latter",
                exprPath, other.Length, other.VideoFps, vaPath, spec.Length, spec.VideoFps);
        Window = window ?? (spec is { Length.Ticks: > 0 } ? spec.Length : TimeSpan.FromSeconds(2));
        Hop = hop ?? (spec is { Hop.Ticks: > 0 } && spec.Hop <= Window ? spec.Hop : TimeSpan.FromMilliseconds(500));
        TimeSteps = spec?.VideoFps is double fps and > 0 ? Math.Max(1, (int)Math.Round(Window.TotalSeconds * fps)) : DefaultTimeSteps;

        _fusion.Add(new EmotionFusionModel(vaPath, va.Manifest, Own(new FusionRunner(va, TimeSteps))));
        _used.Add($"va: {va.Manifest.Name} ({vaPath})");
        if (expr is not null)
            _fusion.Add(new EmotionFusionModel(exprPath, expr.Manifest, Own(new FusionRunner(expr, TimeSteps))));
        _used.Add($"expr: {(expr ?? va).Manifest.Name} ({exprPath})");

        foreach (var model in _fusion)
        {
            foreach (string stream in model.Streams)
            {
                if (_features.Any(f => f.SequenceInput == stream))
                    continue;
                var features = CreateFeatures(stream, catalog, loader, options, miniLmDllPath);
                if (features is null)
                {
                    _logger.LogWarning("{Model}: no extractor for stream '{Stream}'; it stays absent (mask false)", model.Path, stream);
                    continue;
                }
                CheckDimensions(model, features);
                _features.Add(features);
            }
        }
        foreach (var model in _fusion)
            foreach (var features in _features.Where(f => model.Inputs.Contains(f.SequenceInput)))
                CheckDimensions(model, features);
    }

    private IWindowFeatures? CreateFeatures(string stream, ModelFolder catalog, ModelLoader loader, OrtSessionOptions? options, string? miniLmDllPath)
    {
        string mask = stream + "_mask";
        switch (stream)
        {
            case "video":
            {
                string path = catalog.FirstOf("face") ?? catalog.FirstOf("image")
                    ?? throw new ModelLoadException(catalog.Folder, "the fusion model takes 'video' but the folder has no image extractor (manifest role 'face' or 'image')");
                LoadedModel image = Own(loader.Load(path, options));
                PreprocessingSpec pre = Preprocessing(path, image.Manifest, "width, height, mean, std");
                var extractor = Own(new ImageExtractor(image.Session, ImageNormalization.FromManifest(pre, image.Manifest.Name)));
                var detector = Own(new HaarFaceDetector());
                Faces = new FaceWindowFeatures(extractor, new FaceCropper(detector, pre.FaceMargin ?? 0.2f), stream, mask);
                _used.Add($"video: {image.Manifest.Name} on Haar face crops ({path})");
                return Faces;
            }
            case "clip":
            {
                if (catalog.FirstOf("clip") is not { } path)
                    return null;
                LoadedModel clip = Own(loader.Load(path, options));
                PreprocessingSpec pre = Preprocessing(path, clip.Manifest, "width, height, mean, std");
                int frames = clip.Session.Inputs.First().Value.Dimensions is { Length: 5 } d && d[1] > 0 ? d[1] : ClipExtractor.DefaultFrameCount;
                var extractor = Own(new ClipExtractor(clip.Session, ImageNormalization.FromManifest(pre, clip.Manifest.Name), frames));
                _used.Add($"clip: {clip.Manifest.Name}, {frames} frames per window ({path})");
                return new SingleSlotFeatures(new ClipWindowFeatures(extractor, stream, mask));
            }
            case "audio":
            {
                if (catalog.FirstOf("audio") is not { } path)
                    return null;
                LoadedModel audio = Own(loader.Load(path, options));
                PreprocessingSpec pre = Preprocessing(path, audio.Manifest, "sampleRateHz, melBins, melWindow, melHop");
                TimeSpan span = audio.Manifest.Window?.Length is { Ticks: > 0 } w && w <= Window ? w : Window / TimeSteps;
                var encoder = Own(new AudioEncoder(audio.Session, pre.ToLogMelOptions(audio.Manifest.Name), span));
                _used.Add($"audio: {audio.Manifest.Name}, {span.TotalSeconds:0.###} s per slot ({path})");
                return new AudioWindowFeatures(encoder, stream, mask, Window + TimeSpan.FromMilliseconds(50));
            }
            case "text":
            {
                string path = catalog.FirstOf("text") ?? PackagedMiniLm.ModelPath(miniLmDllPath, _logger);
                LoadedModel text = Own(loader.Load(path, options));
                string vocab = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, MiniLmTextEncoder.VocabFileName);
                if (!File.Exists(vocab))
                    throw new ModelLoadException(path, $"the MiniLM vocabulary {vocab} is missing beside the model");
                MiniLmTextEncoder encoder;
                using (var stream2 = File.OpenRead(vocab))
                    encoder = new MiniLmTextEncoder(text.Session, stream2, text.Manifest.Preprocessing?.MaxTokens ?? 256);
                _used.Add($"text: {text.Manifest.Name} ({path})");
                return new TextWindowFeatures(encoder, stream, mask);
            }
            default:
                return null;
        }
    }

    private static PreprocessingSpec Preprocessing(string path, ModelManifest manifest, string needs) =>
        manifest.Preprocessing ?? throw new ModelLoadException(path, $"a '{manifest.Role}' extractor needs a preprocessing block ({needs})");

    private static void RequireOutput(string path, ModelManifest manifest, string output, int length)
    {
        var spec = manifest.Outputs.FirstOrDefault(o => o.Name == output)
            ?? throw new ModelLoadException(path, $"no '{output}' output (has: {string.Join(", ", manifest.Outputs.Select(o => o.Name))})");
        if (spec.Shape.Count != 2 || spec.Shape[1].Value != length)
            throw new ModelLoadException(path, $"output '{output}' is [{string.Join(", ", spec.Shape)}]; the emotion monitor needs [batch, {length}]");
    }

    private void CheckDimensions(EmotionFusionModel model, IWindowFeatures features)
    {
        var input = model.Manifest.Inputs.First(i => i.Name == features.SequenceInput);
        if (input.Shape.Count != 3 || input.Shape[2].Value is not long d)
            throw new ModelLoadException(model.Path, $"input '{input.Name}' is [{string.Join(", ", input.Shape)}]; a fusion stream is [batch, t, features]");
        if (d != features.Dimensions)
            throw new ModelLoadException(model.Path, $"input '{input.Name}' takes {d} features per step, but its extractor gives {features.Dimensions} ({string.Join("; ", _used.Where(u => u.StartsWith(input.Name + ":", StringComparison.Ordinal)))})");
        if (!model.Inputs.Contains(features.MaskInput))
            throw new ModelLoadException(model.Path, $"input '{input.Name}' has no mask input '{features.MaskInput}' ([batch, t] bool)");
    }

    private T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Runners and extractors before the sessions they are bound to: reverse order of creation.
        for (int i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
        _fusion.Clear();
        _features.Clear();
    }

    /// <summary>
    /// The VA and expression fusion models: the first fusion model with both a <c>va</c> and an <c>expr</c> output (returned
    /// twice), else the first with <c>va</c> and the first with <c>expr</c>.
    /// </summary>
    private static (string Va, string Expr) PickFusion(ModelFolder folder)
    {
        var fusion = folder.Models.Where(m => m.Manifest.Role == "fusion").ToList();
        bool Has((string, ModelManifest Manifest) m, string output) => m.Manifest.Outputs.Any(o => o.Name == output);
        var both = fusion.FirstOrDefault(m => Has(m, EmotionLabels.VaOutput) && Has(m, EmotionLabels.ExpressionOutput));
        if (both.Path is not null)
            return (both.Path, both.Path);
        string? va = fusion.FirstOrDefault(m => Has(m, EmotionLabels.VaOutput)).Path;
        string? expr = fusion.FirstOrDefault(m => Has(m, EmotionLabels.ExpressionOutput)).Path;
        if (va is not null && expr is not null)
            return (va, expr);
        string missing = va is null && expr is null ? "no emotion fusion model (role 'fusion' with a 'va' [batch, 2] and an 'expr' [batch, 8] output)"
            : va is null ? "no valence/arousal model (role 'fusion', task va, output 'va' [batch, 2])"
            : "no expression model (role 'fusion', task expr, output 'expr' [batch, 8])";
        throw new ModelLoadException(folder.Folder, $"{missing}; {folder.Describe()}");
    }
}
