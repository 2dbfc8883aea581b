using MultimodalFusion.Onnx;
using MultimodalFusion.Training.Models;

namespace MultimodalFusion.Training.Onnx;

/// <summary>Writes a <see cref="FusionFrameHead"/> (mirror of its forward) and its per-frame outputs.</summary>
/// <remarks>
/// Classification: <c>{name}_frames</c> (softmax over classes) and <c>{name}_frames_logits</c>; regression: only
/// <c>{name}_frames</c> (tanh values in [-1, 1]); all [batch, t_0, k] over the base stream's time axis. The context term is [batch, hidden] unsqueezed to [batch, 1, hidden] and broadcast by Add,
/// as <c>unsqueeze(1)</c> does in torch.
/// </remarks>
internal static class FrameHeadOnnxWriter
{
    public static void Write(OnnxExportContext ctx, FusionFrameHead head, ModalitySpec baseStream, string baseSteps, string fused,
        string outputName, int classes, bool regression = false)
    {
        string perStep = ctx.Linear(baseSteps, head.Step, "frames_step");
        string perRow = ctx.Unsqueeze(ctx.Linear(fused, head.Context, "frames_context"), "frames_context3", 1);
        string hidden = ctx.Node("Relu", "frames_relu", ctx.Node("Add", "frames_sum", perStep, perRow));
        string raw = ctx.Linear(hidden, head.Output, "frames_out");
        string probabilities = FusionOnnxExporter.FramesOutput(outputName);
        string time = FusionOnnxExporter.TimeAxis(baseStream);
        if (regression)
        {
            ctx.Builder.AddNode("Tanh", [raw], [probabilities]);
            ctx.Builder.AddOutput(probabilities, OnnxElementType.Float, "batch", time, classes);
            return;
        }
        string logits = probabilities + "_logits";
        ctx.Builder.AddNode("Identity", [raw], [logits]);
        ctx.Builder.AddNode("Softmax", [raw], [probabilities]).Attribute("axis", -1L);
        ctx.Builder.AddOutput(probabilities, OnnxElementType.Float, "batch", time, classes);
        ctx.Builder.AddOutput(logits, OnnxElementType.Float, "batch", time, classes);
    }
}
