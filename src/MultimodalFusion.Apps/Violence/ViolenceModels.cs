using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Inference.Extractors;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Inference.Preprocessing;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Apps.Violence;

/// <summary>The models of the violence app: a per-frame violence fusion model and what computes its per-frame input.</summary>
/// <remarks>
/// <para>Two forms. <see cref="FromFile"/>: one fusion model fed <see cref="MeanBgrFeatures"/> (d = 3; the tests'
/// brightness models). <see cref="FromFolder"/>: a models folder (the product's <c>onnx/</c>) holding an image
/// extractor (manifest role "image") and a violence fusion model (role "fusion", task "violence"); each camera gets an
/// <see cref="ImageFrameFeatures"/> on the whole frame, the features <c>mmf features</c> computes for training.</para>
/// <para>Owns the image extractor's session (shared by the cameras' extractors: ONNX Runtime runs one session from
/// several threads; each extractor has its own binding and buffers). Dispose after every feature object it created.</para>
/// </remarks>
public sealed class ViolenceModels : IDisposable
{
    /// <summary>The manifest task of a violence fusion model.</summary>
    public const string ViolenceTask = "violence";

    private readonly LoadedModel? _image;

    private ViolenceModels(string fusionModelPath, string? imageModelPath, LoadedModel? image)
    {
        FusionModelPath = fusionModelPath;
        ImageModelPath = imageModelPath;
        _image = image;
        Description = image is null
            ? $"{fusionModelPath} on mean BGR frame features"
            : $"{fusionModelPath} on image extractor {image.Manifest.Name} ({imageModelPath}) over whole frames";
    }

    /// <summary>The per-frame violence fusion model (loaded by each camera's <see cref="OnnxFrameScorer"/>).</summary>
    public string FusionModelPath { get; }

    /// <summary>The image extractor, or null for mean-BGR features.</summary>
    public string? ImageModelPath { get; }

    /// <summary>One line saying which models run on what, for the start-up log.</summary>
    public string Description { get; }

    /// <summary>A fusion model fed mean BGR features; the file is checked when a scorer loads it.</summary>
    public static ViolenceModels FromFile(string fusionModelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(fusionModelPath);
        return new ViolenceModels(fusionModelPath, null, null);
    }

    /// <summary>
    /// The first image extractor and the first violence fusion model (by file name) of <paramref name="folder"/>; loads
    /// the extractor. Throws <see cref="ModelLoadException"/> naming the folder and what it holds when one is missing,
    /// or naming the model that does not load.
    /// </summary>
    public static ViolenceModels FromFolder(string folder, ModelLoader? loader = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        logger ??= NullLogger.Instance;
        var models = ModelFolder.Read(folder, logger);
        string? image = models.FirstOf("image");
        string? fusion = models.FirstOf("fusion", ViolenceTask);
        if (image is null || fusion is null)
        {
            string missing = image is null && fusion is null ? "no image extractor (role 'image') and no violence fusion model (role 'fusion', task 'violence')"
                : image is null ? "no image extractor (role 'image')" : "no violence fusion model (role 'fusion', task 'violence')";
            throw new ModelLoadException(folder, $"{missing}; {models.Describe()}.");
        }
        var loaded = (loader ?? new ModelLoader()).Load(image);
        if (loaded.Manifest.Preprocessing is null)
        {
            loaded.Dispose();
            throw new ModelLoadException(image, "an image extractor needs a preprocessing block (width, height, mean, std).");
        }
        return new ViolenceModels(fusion, image, loaded);
    }

    /// <summary>
    /// Features for one camera loop: a new <see cref="ImageFrameFeatures"/> (the caller disposes it before this object)
    /// or the shared <see cref="MeanBgrFeatures"/>.
    /// </summary>
    public IFrameFeatures CreateFeatures()
    {
        if (_image is null)
            return MeanBgrFeatures.Instance;
        var normalization = ImageNormalization.FromManifest(_image.Manifest.Preprocessing!, _image.Manifest.Name);
        return new ImageFrameFeatures(new ImageExtractor(_image.Session, normalization), _image.Manifest.Name);
    }

    /// <inheritdoc />
    public void Dispose() => _image?.Dispose();
}
