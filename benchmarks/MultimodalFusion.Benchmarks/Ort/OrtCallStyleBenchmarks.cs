using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using MultimodalFusion.Benchmarks.Models;
using MultimodalFusion.Benchmarks.Running;
using MultimodalFusion.Inference.Sessions;

namespace MultimodalFusion.Benchmarks.Ort;

/// <summary>
/// Three ways to call ONNX Runtime on the same model and the same inputs: <see cref="NamedOnnxValue"/> inputs built per
/// call with outputs allocated by the runtime (baseline: the textbook style), preallocated <see cref="OrtValue"/>
/// inputs and outputs passed to Run, and an <see cref="OrtIoBinding"/> bound once.
/// </summary>
/// <remarks>
/// Models (<see cref="Model"/>): "fusion" (per-modality GRU + masked mean + two heads, 8 time steps), "image" (a small
/// CNN on 1x3x224x224), "minilm" (all-MiniLM-L6-v2 on 16 tokens); real files from <c>--models</c> or onnx/ when present
/// (<see cref="BenchModels"/>). Sessions use one intra-op thread so the call overhead is not hidden by thread-pool
/// hand-offs. Setup checks that the three styles give the same outputs and throws if not.
/// </remarks>
[MemoryDiagnoser]
public class OrtCallStyleBenchmarks
{
    private string _dir = "";
    private ModelSession _model = null!;
    private ModelTensors _tensors = null!;
    private OrtIoBinding _binding = null!;
    private RunOptions _runOptions = null!;

    /// <summary>Which model: "fusion", "image" or "minilm".</summary>
    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "fusion";

    /// <summary>The values of <see cref="Model"/>.</summary>
    public static IEnumerable<string> ModelNames() => BenchModels.Names;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("mmf-bench-ort").FullName;
        var (path, origin) = BenchModels.Resolve(Model, _dir);
        _model = new OnnxSessionFactory().Create(path, new OrtSessionOptions { IntraOpThreads = 1 });
        _tensors = new ModelTensors(_model.Session, path);
        _runOptions = new RunOptions();
        _binding = _model.Session.CreateIoBinding();
        for (int i = 0; i < _tensors.InputNames.Count; i++)
            _binding.BindInput(_tensors.InputNames[i], _tensors.InputValues[i]);
        for (int i = 0; i < _tensors.OutputNames.Count; i++)
            _binding.BindOutput(_tensors.OutputNames[i], _tensors.OutputValues[i]);
        Check(nameof(PreallocatedOrtValues), () => PreallocatedOrtValues());
        Check(nameof(IoBinding), () => IoBinding());
        Console.WriteLine($"// model {Model}: {Path.GetFileName(path)} ({origin}); inputs {string.Join(", ", _tensors.InputNames)}; outputs {string.Join(", ", _tensors.OutputNames)}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _tensors.Dispose();
        _model.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>NamedOnnxValue inputs created per call; the runtime allocates the outputs, which are disposed after reading.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(BenchCategories.Quick)]
    public float NamedOnnxValues()
    {
        var inputs = new List<NamedOnnxValue>(_tensors.InputNames.Count);
        for (int i = 0; i < _tensors.InputNames.Count; i++)
            inputs.Add(_tensors.NamedInput(i));
        using var results = _model.Session.Run(inputs);
        return results.First().AsEnumerable<float>().First();
    }

    /// <summary>OrtValues over pinned input and output arrays, created once; Run writes into the outputs.</summary>
    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public float PreallocatedOrtValues()
    {
        _model.Session.Run(_runOptions, _tensors.InputNames, _tensors.InputValues, _tensors.OutputNames, _tensors.OutputValues);
        return _tensors.OutputData[0][0];
    }

    /// <summary>The same OrtValues bound once through an IOBinding.</summary>
    [Benchmark, BenchmarkCategory(BenchCategories.Quick)]
    public float IoBinding()
    {
        _model.Session.RunWithBinding(_runOptions, _binding);
        return _tensors.OutputData[0][0];
    }

    private void Check(string style, Action run)
    {
        foreach (float[] output in _tensors.OutputData)
            Array.Fill(output, float.NaN);
        run();
        for (int o = 0; o < _tensors.OutputData.Count; o++)
        {
            float[] expected = _tensors.Expected[o], actual = _tensors.OutputData[o];
            double worst = expected.Zip(actual, (e, a) => (double)Math.Abs(e - a)).Max();
            if (!(worst <= 1e-6))
                throw new InvalidOperationException($"{Model}: {style} output '{_tensors.OutputNames[o]}' differs from the NamedOnnxValue run by {worst}.");
        }
    }
}
