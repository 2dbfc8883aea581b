using Microsoft.ML.OnnxRuntime;

namespace MultimodalFusion.Onnx.Tests;

/// <summary>Runs a model built in memory through ONNX Runtime (CPU) with float inputs and returns each output's values and shape.</summary>
internal static class OrtRunner
{
    public static Dictionary<string, (float[] Values, long[] Shape)> Run(
        byte[] model, params (string Name, float[] Values, long[] Shape)[] inputs)
    {
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(model, options);
        var values = inputs.Select(i => OrtValue.CreateTensorValueFromMemory(i.Values, i.Shape)).ToArray();
        try
        {
            var outputNames = session.OutputNames;
            using var results = session.Run(new RunOptions(), inputs.Select(i => i.Name).ToArray(), values, outputNames);
            var map = new Dictionary<string, (float[], long[])>();
            for (int k = 0; k < outputNames.Count; k++)
            {
                var info = results[k].GetTensorTypeAndShape();
                map[outputNames[k]] = (results[k].GetTensorDataAsSpan<float>().ToArray(), info.Shape);
            }
            return map;
        }
        finally
        {
            foreach (var v in values)
                v.Dispose();
        }
    }
}
