using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MultimodalFusion.Benchmarks.Ort;

/// <summary>
/// Deterministic input data for any model whose inputs are float, bool or int64 tensors, plus pinned output arrays
/// sized from a probe run: what the call-style suite feeds each of its three ways of calling ONNX Runtime.
/// </summary>
/// <remarks>
/// Symbolic dimensions: the first is the batch (1); later ones are the time axis (<see cref="TimeSteps"/>) for float/bool
/// inputs and the token axis (<see cref="Tokens"/>) for int64 inputs. int64 inputs named *mask* hold 1, *type* 0, others
/// valid BERT ids ([CLS] ... [SEP]). Bool masks are true except the last quarter (a modality that went missing).
/// Arrays are pinned and live as long as this object; the OrtValues over them are owned here.
/// </remarks>
public sealed class ModelTensors : IDisposable
{
    /// <summary>Time steps given to symbolic float/bool dimensions after the batch.</summary>
    public const int TimeSteps = 8;

    /// <summary>Tokens given to symbolic int64 dimensions after the batch.</summary>
    public const int Tokens = 16;

    private readonly List<OrtValue> _owned = [];

    /// <summary>Builds the inputs of <paramref name="session"/> and sizes its outputs by running it once.</summary>
    public ModelTensors(InferenceSession session, string modelPath)
    {
        var rng = new Random(5);
        foreach (var (name, meta) in session.InputMetadata)
        {
            long[] shape = meta.Dimensions.Select((d, k) => d >= 0 ? d : k == 0 ? 1L
                : meta.ElementDataType == TensorElementType.Int64 ? Tokens : TimeSteps).ToArray();
            int length = checked((int)shape.Aggregate(1L, (a, b) => a * b));
            Array data = meta.ElementDataType switch
            {
                TensorElementType.Float => Fill(length, i => (float)(rng.NextDouble() * 2 - 1)),
                TensorElementType.Bool => Fill(length, i => (i % shape[^1]) < shape[^1] * 3 / 4),
                TensorElementType.Int64 => Fill(length, i => name.Contains("mask") ? 1L : name.Contains("type") ? 0L
                    : (i % shape[^1]) == 0 ? 101L : (i % shape[^1]) == shape[^1] - 1 ? 102L : 1996L + i % 500),
                var other => throw new NotSupportedException($"{modelPath}: input '{name}' is {other}; the call-style suite feeds float, bool and int64."),
            };
            InputNames.Add(name);
            InputShapes.Add(shape);
            InputData.Add(data);
            InputValues.Add(Own(data, shape));
        }
        using var runOptions = new RunOptions();
        using var probe = session.Run(runOptions, InputNames, InputValues, session.OutputNames);
        for (int i = 0; i < probe.Count; i++)
        {
            string name = session.OutputNames[i];
            if (probe[i].GetTensorTypeAndShape().ElementDataType != TensorElementType.Float)
                throw new NotSupportedException($"{modelPath}: output '{name}' is not float; the call-style suite reads float outputs.");
            long[] shape = probe[i].GetTensorTypeAndShape().Shape;
            float[] buffer = GC.AllocateArray<float>(checked((int)shape.Aggregate(1L, (a, b) => a * b)), pinned: true);
            probe[i].GetTensorDataAsSpan<float>().CopyTo(buffer);
            Expected.Add(buffer.ToArray());
            OutputNames.Add(name);
            OutputData.Add(buffer);
            OutputValues.Add(Own(buffer, shape));
        }
    }

    /// <summary>Input names in graph order.</summary>
    public List<string> InputNames { get; } = [];

    /// <summary>Concrete input shapes.</summary>
    public List<long[]> InputShapes { get; } = [];

    /// <summary>The pinned input arrays (float[], bool[] or long[]).</summary>
    public List<Array> InputData { get; } = [];

    /// <summary>OrtValues over <see cref="InputData"/>, created once.</summary>
    public List<OrtValue> InputValues { get; } = [];

    /// <summary>Output names in graph order.</summary>
    public List<string> OutputNames { get; } = [];

    /// <summary>The pinned output arrays, written by preallocated runs.</summary>
    public List<float[]> OutputData { get; } = [];

    /// <summary>OrtValues over <see cref="OutputData"/>, created once.</summary>
    public List<OrtValue> OutputValues { get; } = [];

    /// <summary>The probe run's outputs, to check every call style against.</summary>
    public List<float[]> Expected { get; } = [];

    /// <summary>A NamedOnnxValue over input <paramref name="index"/>, created anew (the per-call style).</summary>
    public NamedOnnxValue NamedInput(int index) => InputData[index] switch
    {
        float[] f => NamedOnnxValue.CreateFromTensor(InputNames[index], new DenseTensor<float>(f, Dims(index))),
        bool[] b => NamedOnnxValue.CreateFromTensor(InputNames[index], new DenseTensor<bool>(b, Dims(index))),
        long[] l => NamedOnnxValue.CreateFromTensor(InputNames[index], new DenseTensor<long>(l, Dims(index))),
        _ => throw new InvalidOperationException("unreachable: inputs are float, bool or int64"),
    };

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var value in _owned)
            value.Dispose();
    }

    private int[] Dims(int index) => InputShapes[index].Select(d => (int)d).ToArray();

    private OrtValue Own<T>(T[] data, long[] shape) where T : unmanaged
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data.AsMemory(), shape);
        _owned.Add(value);
        return value;
    }

    private OrtValue Own(Array data, long[] shape) => data switch
    {
        float[] f => Own(f, shape),
        bool[] b => Own(b, shape),
        long[] l => Own(l, shape),
        _ => throw new InvalidOperationException("unreachable: inputs are float, bool or int64"),
    };

    private static T[] Fill<T>(int length, Func<long, T> value)
    {
        T[] data = GC.AllocateArray<T>(length, pinned: true);
        for (int i = 0; i < length; i++)
            data[i] = value(i);
        return data;
    }
}
