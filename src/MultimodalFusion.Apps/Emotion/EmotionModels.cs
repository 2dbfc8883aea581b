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
/// <para>Window length and hop come from the VA model's manifest (<c>window</c>) unless given. Every stream's rows are
/// made as <c>mmf features</c> made the training cache and packed as the trainer packs them (the rows stamped inside
/// the window, from step 0), each on its own time axis (<see cref="StepsOf"/>): video one row per frame with a face at
/// up to <c>window.videoFps</c> rows per second (<see cref="VideoRate"/>), audio one row per audio-model window
/// (its manifest's <c>window.length</c> every <c>window.hop</c>), text one row per utterance. Each axis holds the most
/// rows a window can have plus one; the padding is masked, as in training.</para>
/// <para>Every failure throws <see cref="ModelLoadException"/> naming the file (or folder) and what is wrong, and
/// saying how to get the default models (<see cref="Hint"/>). Owns every session, runner and extractor; dispose once
/// after the stage that uses <see cref="Features"/> and <see cref="Fusion"/> has stopped. Not thread-safe.</para>
/// </remarks>
public sealed class EmotionModels : IDisposable
{
    /// <summary>How to get working models; appended to every error.</summary>
    public const string Hint = "get the default models with 'bash tools/build-default-models.sh' (writes onnx/), or pass --models DIR with your own";

    /// <summary>Video time steps used when the fusion manifest gives no video rate (rows then come from every frame).</summary>
    public const int DefaultTimeSteps = 8;

    private readonly List<IDisposable> _owned = [];
    private readonly List<EmotionFusionModel> _fusion = [];
    private readonly List<IWindowFeatures> _features = [];
    private readonly List<string> _used = [];
    private readonly Dictionary<string, int> _steps = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    private EmotionModels(ILogger logger) => _logger = logger;

    /// <summary>The fusion models to run per window: one with both outputs, or the VA model then the expression model.</summary>
    public IReadOnlyList<EmotionFusionModel> Fusion => _fusion;

    /// <summary>One feature source per stream some fusion model takes, in first-use order.</summary>
    public IReadOnlyList<IWindowFeatures> Features => _features;

    /// <summary>The longest stream time axis (the video stream's, for the default models).</summary>
    public int TimeSteps => _steps.Count == 0 ? 1 : _steps.Values.Max();

    /// <summary>Time steps per stream (fusion input name), as the runners were bound.</summary>
    public IReadOnlyDictionary<string, int> StepsOf => _steps;

    /// <summary>The most video rows per second (the fusion manifest's <c>window.videoFps</c>); null: every frame.</summary>
    public double? VideoRate { get; private set; }

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
        VideoRate = spec?.VideoFps is double fps and > 0 ? fps : null;

        // Feature sources first: each one sets its stream's time axis, which the runners are then bound with.
        var unbound = new List<(string Path, ModelManifest Manifest, LoadedModel Model)> { (vaPath, va.Manifest, va) };
        if (expr is not null)
            unbound.Add((exprPath, expr.Manifest, expr));
        foreach (var (path, manifest, _) in unbound)
        {
            foreach (string stream in manifest.Inputs.Where(i => i.Dtype == "float32").Select(i => i.Name))
            {
                if (_features.Any(f => f.SequenceInput == stream) || _steps.ContainsKey(stream))
                    continue;
                var features = CreateFeatures(stream, catalog, loader, options, miniLmDllPath);
                if (features is null)
                {
                    _logger.LogWarning("{Model}: no extractor for stream '{Stream}'; it stays absent (mask false)", path, stream);
                    _steps[stream] = 1;
                    continue;
                }
                _features.Add(features);
            }
        }
        foreach (var (path, manifest, model) in unbound)
            _fusion.Add(new EmotionFusionModel(path, manifest, Own(new FusionRunner(model, _steps, TimeSteps))));
        _used.Insert(0, $"va: {va.Manifest.Name} ({vaPath})");
        _used.Insert(1, $"expr: {(expr ?? va).Manifest.Name} ({exprPath})");
        foreach (var model in _fusion)
            foreach (var features in _features.Where(f => model.Inputs.Contains(f.SequenceInput)))
                CheckDimensions(model, features);
    }

    // Video rows: at most the trained frame rate, so a window holds up to window x rate of them.
    private int VideoSteps() => VideoRate is double fps ? (int)Math.Ceiling(Window.TotalSeconds * fps - 1e-9) + 1 : DefaultTimeSteps;

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
                Faces = new FaceWindowFeatures(extractor, new FaceCropper(detector, pre.FaceMargin ?? 0.2f), stream, mask, VideoRate);
                _steps[stream] = VideoSteps();
                _used.Add($"video: {image.Manifest.Name} on Haar face crops, up to {_steps[stream]} rows per window ({path})");
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
                _steps[stream] = 1;   // one clip over the whole window, in step 0
                _used.Add($"clip: {clip.Manifest.Name}, {frames} frames per window ({path})");
                return new SingleSlotFeatures(new ClipWindowFeatures(extractor, stream, mask));
            }
            case "audio":
            {
                if (catalog.FirstOf("audio") is not { } path)
                    return null;
                LoadedModel audio = Own(loader.Load(path, options));
                PreprocessingSpec pre = Preprocessing(path, audio.Manifest, "sampleRateHz, melBins, melWindow, melHop");
                // As ExtractorSet builds it for the cache: the manifest's window (default 4 s) every hop (default: back to back).
                TimeSpan span = audio.Manifest.Window?.Length is { Ticks: > 0 } w ? w : TimeSpan.FromSeconds(4);
                TimeSpan hop = audio.Manifest.Window?.Hop is { Ticks: > 0 } h && h <= span ? h : span;
                var encoder = Own(new AudioEncoder(audio.Session, pre.ToLogMelOptions(audio.Manifest.Name), span));
                var features = new AudioWindowFeatures(encoder, hop, stream, mask);
                _steps[stream] = features.StepsFor(Window);
                _used.Add($"audio: {audio.Manifest.Name}, {span.TotalSeconds:0.###} s rows every {hop.TotalSeconds:0.###} s ({path})");
                return features;
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
                _steps[stream] = TextWindowFeatures.StepsFor(Window);
                _used.Add($"text: {text.Manifest.Name}, one row per utterance ({path})");
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
