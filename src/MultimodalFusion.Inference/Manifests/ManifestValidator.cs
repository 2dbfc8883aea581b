using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MultimodalFusion.Inference.Manifests;

/// <summary>Compares a manifest with a session's real input/output metadata; each problem names the key, expected and actual.</summary>
public static class ManifestValidator
{
    /// <summary>Problems found, e.g. <c>inputs[0].name: manifest says 'video', graph has 'frames'</c>; empty when they agree.</summary>
    public static IReadOnlyList<string> Validate(ModelManifest manifest, InferenceSession session)
    {
        var problems = new List<string>();
        if (!ModelManifest.KnownRoles.Contains(manifest.Role))
            problems.Add($"role: '{manifest.Role}' is not one of {string.Join(", ", ModelManifest.KnownRoles)}");
        Compare("inputs", manifest.Inputs, session.InputNames, session.InputMetadata, problems);
        Compare("outputs", manifest.Outputs, session.OutputNames, session.OutputMetadata, problems);
        return problems;
    }

    /// <summary>The ONNX Runtime element type as a manifest dtype string ("float32", "int64", ...).</summary>
    public static string DtypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Float16 => "float16",
        TensorElementType.Double => "float64",
        TensorElementType.Int64 => "int64",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Bool => "bool",
        TensorElementType.String => "string",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static void Compare(string key, IReadOnlyList<TensorSpec> specs, IReadOnlyList<string> graphOrder,
        IReadOnlyDictionary<string, NodeMetadata> graph, List<string> problems)
    {
        // Graph order comes from the name lists; the metadata dictionaries do not promise an order.
        var actual = graphOrder.Select(name => new KeyValuePair<string, NodeMetadata>(name, graph[name])).ToList();
        if (specs.Count != actual.Count)
        {
            problems.Add($"{key}: manifest lists {specs.Count} ({string.Join(", ", specs.Select(s => s.Name))}), " +
                $"graph has {actual.Count} ({string.Join(", ", actual.Select(a => a.Key))})");
        }
        for (int i = 0; i < Math.Min(specs.Count, actual.Count); i++)
        {
            var spec = specs[i];
            var (name, meta) = actual[i];
            string at = $"{key}[{i}]";
            if (spec.Name != name)
                problems.Add($"{at}.name: manifest says '{spec.Name}', graph has '{name}'");
            if (!meta.IsTensor)
            {
                problems.Add($"{at}: graph value '{name}' is not a tensor");
                continue;
            }
            string dtype = DtypeName(meta.ElementDataType);
            if (spec.Dtype != dtype)
                problems.Add($"{at}.dtype: manifest says '{spec.Dtype}', graph has '{dtype}'");
            CompareShape($"{at}.shape", spec, meta, problems);
        }
    }

    private static void CompareShape(string at, TensorSpec spec, NodeMetadata meta, List<string> problems)
    {
        int[] dims = meta.Dimensions;
        string graphShape = "[" + string.Join(", ", dims.Select((d, k) => d >= 0 ? d.ToString() : $"'{meta.SymbolicDimensions[k]}'")) + "]";
        string manifestShape = "[" + string.Join(", ", spec.Shape) + "]";
        if (spec.Shape.Count != dims.Length)
        {
            problems.Add($"{at}: manifest says {manifestShape} (rank {spec.Shape.Count}), graph has {graphShape} (rank {dims.Length})");
            return;
        }
        for (int k = 0; k < dims.Length; k++)
        {
            var want = spec.Shape[k];
            bool agree = want.IsSymbolic
                ? dims[k] < 0 && (string.IsNullOrEmpty(meta.SymbolicDimensions[k]) || meta.SymbolicDimensions[k] == want.Symbol)
                : dims[k] == want.Value;
            if (!agree)
            {
                problems.Add($"{at}[{k}]: manifest says {want}, graph has {(dims[k] >= 0 ? dims[k].ToString() : $"'{meta.SymbolicDimensions[k]}'")} " +
                    $"(manifest {manifestShape}, graph {graphShape})");
            }
        }
        if (spec.Labels is { } labels && spec.Shape.Count > 0 && spec.Shape[^1].Value is long classes && labels.Count != classes)
            problems.Add($"{at}: {labels.Count} labels for a last dimension of {classes}");
    }
}
