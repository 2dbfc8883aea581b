using MultimodalFusion.Training.Models;
using static TorchSharp.torch;

namespace MultimodalFusion.Training.Trainer;

/// <summary>Copies of a model's parameters by name (the best epoch's weights); the dictionaries own their tensors.</summary>
internal static class FusionWeights
{
    public static Dictionary<string, Tensor> Snapshot(FusionModel model)
    {
        using var noGrad = no_grad();
        return model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().DetachFromDisposeScope());
    }

    public static void Restore(FusionModel model, Dictionary<string, Tensor> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!weights.TryGetValue(name, out var saved))
                throw new InvalidDataException($"Saved weights have no '{name}' (a checkpoint of another architecture?).");
            parameter.copy_(saved);
        }
    }

    public static void Dispose(Dictionary<string, Tensor> weights)
    {
        foreach (var t in weights.Values)
            t.Dispose();
        weights.Clear();
    }
}
