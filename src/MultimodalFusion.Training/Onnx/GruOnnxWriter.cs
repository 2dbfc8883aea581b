using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Onnx;

/// <summary>Writes a batch-first torch GRU (any layers, uni- or bidirectional) as ONNX GRU nodes.</summary>
/// <remarks>
/// Torch stores the gates as (r, z, n) with separate input and hidden biases and applies the reset gate after
/// the hidden linear map; ONNX expects (z, r, h) and gets the same arithmetic with <c>linear_before_reset = 1</c>.
/// Rows are therefore reordered [z; r; n] per direction. Initial state is zero, as in the torch forward.
/// </remarks>
internal static class GruOnnxWriter
{
    /// <summary>
    /// Emits the GRU; <paramref name="input"/> is [batch, time, in], <paramref name="sequenceLengths"/> int32 [batch]
    /// (ONNX sequence_lens; steps past it are not run and output zeros, like torch's packed sequences);
    /// returns [batch, time, hidden * directions].
    /// </summary>
    public static string Write(OnnxExportContext ctx, GRU gru, int hiddenSize, int layers, bool bidirectional, string input,
        string sequenceLengths, string prefix)
    {
        var parameters = gru.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        int directions = bidirectional ? 2 : 1;
        string sequence = ctx.Transpose(input, $"{prefix}_time_major", 1, 0, 2);
        for (int layer = 0; layer < layers; layer++)
        {
            var w = new List<float>();
            var r = new List<float>();
            var b = new List<float>();
            long inputSize = 0;
            for (int d = 0; d < directions; d++)
            {
                string suffix = d == 0 ? $"l{layer}" : $"l{layer}_reverse";
                var wih = Get(parameters, $"weight_ih_{suffix}");
                inputSize = wih.shape[1];
                w.AddRange(Reorder(wih));
                r.AddRange(Reorder(Get(parameters, $"weight_hh_{suffix}")));
                b.AddRange(Reorder(Get(parameters, $"bias_ih_{suffix}")));
                b.AddRange(Reorder(Get(parameters, $"bias_hh_{suffix}")));
            }
            string wName = ctx.Weight($"{prefix}_l{layer}_W", w.ToArray(), directions, 3 * hiddenSize, inputSize);
            string rName = ctx.Weight($"{prefix}_l{layer}_R", r.ToArray(), directions, 3 * hiddenSize, hiddenSize);
            string bName = ctx.Weight($"{prefix}_l{layer}_B", b.ToArray(), directions, 6 * hiddenSize);
            string y = ctx.Name($"{prefix}_l{layer}_Y");
            ctx.Builder.AddNode("GRU", [sequence, wName, rName, bName, sequenceLengths], [y])
                .Attribute("hidden_size", (long)hiddenSize)
                .Attribute("direction", bidirectional ? "bidirectional" : "forward")
                .Attribute("linear_before_reset", 1L);
            // Y is [time, directions, batch, hidden]; torch concatenates directions per step.
            string perStep = ctx.Transpose(y, $"{prefix}_l{layer}_Yt", 0, 2, 1, 3);
            sequence = ctx.Reshape(perStep, $"{prefix}_l{layer}_out", 0, 0, -1);
        }
        return ctx.Transpose(sequence, $"{prefix}_batch_major", 1, 0, 2);
    }

    private static Tensor Get(Dictionary<string, TorchSharp.Modules.Parameter> parameters, string name) =>
        parameters.TryGetValue(name, out var p)
            ? p
            : throw new InvalidOperationException($"GRU export: parameter '{name}' not found (have {string.Join(", ", parameters.Keys)}).");

    /// <summary>Torch (r, z, n) blocks along the first axis -> ONNX (z, r, n), flattened row-major.</summary>
    private static float[] Reorder(Tensor torchGates)
    {
        using var cpu = torchGates.detach().cpu().contiguous();
        float[] values = cpu.data<float>().ToArray();
        int block = values.Length / 3;
        var result = new float[values.Length];
        Array.Copy(values, block, result, 0, block);          // z
        Array.Copy(values, 0, result, block, block);          // r
        Array.Copy(values, 2 * block, result, 2 * block, block); // n
        return result;
    }
}
