using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Inference.Text;

/// <summary>
/// Sentence embeddings with MiniLM: BertTokenizer (lower-cased WordPiece, [CLS] ... [SEP]) -> model.onnx ->
/// mean over the tokens the attention mask keeps -> L2 normalisation to a unit 384-d vector.
/// </summary>
/// <remarks>
/// Thread-safe (the tokenizer is immutable and ONNX Runtime's Run is thread-safe); each call allocates its small
/// token arrays, which is fine at transcript-segment rates. The session is not owned; dispose it after the encoder.
/// </remarks>
public sealed class MiniLmTextEncoder
{
    /// <summary>File name of the vocabulary beside an extracted model.</summary>
    public const string VocabFileName = "minilm-vocab.txt";

    /// <summary>Embedding size of all-MiniLM-L6-v2.</summary>
    public const int Dimensions = 384;

    /// <summary>The token-state output that is mean-pooled: [batch, sequence, 384].</summary>
    public const string OutputName = "last_hidden_state";

    private readonly ModelSession _model;
    private readonly BertTokenizer _tokenizer;
    private readonly string _outputName;

    /// <summary>Creates the encoder over a loaded MiniLM session and its vocabulary; texts are cut at <paramref name="maxTokens"/>.</summary>
    public MiniLmTextEncoder(ModelSession model, Stream vocab, int maxTokens = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 3);
        _model = model;
        _tokenizer = BertTokenizer.Create(vocab, new BertOptions { LowerCaseBeforeTokenization = true });
        MaxTokens = maxTokens;
        foreach (string needed in (string[])["input_ids", "attention_mask", "token_type_ids"])
        {
            if (!model.Inputs.ContainsKey(needed))
                throw new ArgumentException($"{model.ModelPath}: MiniLM input '{needed}' missing; the graph has {string.Join(", ", model.Inputs.Keys)}.");
        }
        _outputName = model.Outputs.ContainsKey(OutputName) ? OutputName
            : throw new ArgumentException($"{model.ModelPath}: MiniLM output '{OutputName}' missing; the graph has {string.Join(", ", model.Outputs.Keys)}.");
    }

    /// <summary>Longest token sequence (including [CLS] and [SEP]).</summary>
    public int MaxTokens { get; }

    /// <summary>The unit-length embedding of <paramref name="text"/>.</summary>
    public float[] Encode(string text)
    {
        var result = new float[Dimensions];
        Encode(text, result);
        return result;
    }

    /// <summary>Writes the unit-length embedding of <paramref name="text"/> into <paramref name="destination"/> (384 floats).</summary>
    public void Encode(string text, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (destination.Length < Dimensions)
            throw new ArgumentException($"Destination holds {destination.Length} floats; {Dimensions} needed.", nameof(destination));
        var ids = _tokenizer.EncodeToIds(text, MaxTokens, out _, out _);
        int n = ids.Count;
        var inputIds = new long[n];
        var mask = new long[n];
        var types = new long[n];
        for (int i = 0; i < n; i++)
        {
            inputIds[i] = ids[i];
            mask[i] = 1;
        }
        long[] shape = [1, n];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _model.Session.Run(runOptions,
            ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], [_outputName]);
        MeanPool(outputs[0].GetTensorDataAsSpan<float>(), mask, destination[..Dimensions]);
    }

    /// <summary>Cosine similarity of two embeddings (their dot product when both are unit length).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);

    private static void MeanPool(ReadOnlySpan<float> hidden, long[] mask, Span<float> destination)
    {
        destination.Clear();
        int kept = 0;
        for (int t = 0; t < mask.Length; t++)
        {
            if (mask[t] == 0)
                continue;
            kept++;
            var row = hidden.Slice(t * Dimensions, Dimensions);
            for (int d = 0; d < Dimensions; d++)
                destination[d] += row[d];
        }
        float norm = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            destination[d] /= Math.Max(kept, 1);
            norm += destination[d] * destination[d];
        }
        norm = MathF.Sqrt(norm);
        for (int d = 0; d < Dimensions; d++)
            destination[d] /= Math.Max(norm, 1e-12f);
    }
}
