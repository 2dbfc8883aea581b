using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MultimodalFusion.Inference.Sessions;

/// <summary>Runs a fresh session on zero-filled inputs (symbolic dims = 1) so lazy initialisation happens at load.</summary>
internal static class SessionWarmUp
{
    public static void Run(ModelSession model, int runs, ILogger logger)
    {
        if (runs == 0)
            return;
        var inputs = new List<OrtValue>();
        try
        {
            foreach (var (name, meta) in model.Inputs)
            {
                if (!meta.IsTensor || meta.ElementDataType == TensorElementType.String)
                {
                    logger.LogDebug("{Model}: no warm-up, input '{Input}' is not a numeric tensor", model, name);
                    return;
                }
                long[] shape = meta.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
                var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, meta.ElementDataType, shape);
                inputs.Add(value);
                value.GetTensorMutableRawData().Clear();
            }
            var names = model.Inputs.Keys.ToArray();
            var outputs = model.Outputs.Keys.ToArray();
            using var runOptions = new RunOptions();
            for (int i = 0; i < runs; i++)
            {
                using var results = model.Session.Run(runOptions, names, inputs, outputs);
            }
        }
        catch (OnnxRuntimeException ex)
        {
            // Some graphs reject all-zero inputs (a sample rate of 0, say); the session itself is fine.
            logger.LogWarning("{Model}: warm-up on zero inputs failed, first real run pays the start-up cost: {Reason}", model, ex.Message.Trim());
        }
        finally
        {
            foreach (var value in inputs)
                value.Dispose();
        }
    }
}
