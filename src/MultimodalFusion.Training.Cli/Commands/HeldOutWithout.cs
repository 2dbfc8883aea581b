using System.Text.Json.Nodes;
using MultimodalFusion.Training.Data;
using MultimodalFusion.Training.Models;
using MultimodalFusion.Training.Trainer;

namespace MultimodalFusion.Training.Cli.Commands;

/// <summary>
/// The held-out scores with one stream removed at test time (its mask all false, as when a camera, microphone or
/// transcript is missing at run time): how much the model leans on each stream, and whether it degrades gracefully.
/// </summary>
internal static class HeldOutWithout
{
    /// <summary>
    /// <c>{ "video": { "cccMean": ... }, "audio": ..., ... }</c>, one entry per stream of a multi-stream model (empty for one
    /// stream); models with a frame head also give <c>frameMacroF1</c> or <c>frameCccMean</c>. Each stream's mask is restored after its run.
    /// </summary>
    public static JsonObject Evaluate(FusionModel model, FusionDataset heldOut)
    {
        var result = new JsonObject();
        if (heldOut.Modalities.Count < 2 || heldOut.Count == 0)
            return result;
        for (int i = 0; i < heldOut.Modalities.Count; i++)
        {
            using var saved = heldOut.Masks[i].clone();
            heldOut.Masks[i].fill_(false);
            try
            {
                var evaluation = FusionEvaluation.Of(model, heldOut);
                var entry = new JsonObject { [evaluation.MetricName] = evaluation.Metric };
                if (evaluation.FrameMacroF1 is double frames)
                    entry["frameMacroF1"] = frames;
                if (evaluation.FrameCccMean is double frameCcc)
                    entry["frameCccMean"] = frameCcc;
                result[heldOut.Modalities[i].Name] = entry;
            }
            finally
            {
                heldOut.Masks[i].copy_(saved);
            }
        }
        return result;
    }
}
