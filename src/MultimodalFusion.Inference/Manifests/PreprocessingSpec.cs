namespace MultimodalFusion.Inference.Manifests;

/// <summary>How inputs must be prepared for a model; each field applies to the roles that need it.</summary>
public sealed record PreprocessingSpec
{
    /// <summary>Image input size in pixels (square crops use one value for both sides).</summary>
    public int? Width { get; init; }

    /// <summary>Image input height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Channel order the model expects: "rgb" or "bgr".</summary>
    public string? ColorOrder { get; init; }

    /// <summary>Per-channel mean subtracted after scaling to [0, 1], in <see cref="ColorOrder"/>.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-channel standard deviation divided by after subtracting the mean.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Face crop before resizing: the margin around the detected box as a fraction of its side; null for no crop.</summary>
    public float? FaceMargin { get; init; }

    /// <summary>Audio sample rate in Hz.</summary>
    public int? SampleRateHz { get; init; }

    /// <summary>Mel bins of the log-mel frontend.</summary>
    public int? MelBins { get; init; }

    /// <summary>STFT window length of the log-mel frontend.</summary>
    public TimeSpan? MelWindow { get; init; }

    /// <summary>STFT hop of the log-mel frontend.</summary>
    public TimeSpan? MelHop { get; init; }

    /// <summary>Tokenizer for text models, e.g. "bert-uncased:minilm-vocab".</summary>
    public string? Tokenizer { get; init; }

    /// <summary>Longest token sequence the text model accepts.</summary>
    public int? MaxTokens { get; init; }
}
