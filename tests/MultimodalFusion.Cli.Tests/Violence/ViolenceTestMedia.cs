using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;
using OpenCvSharp;

namespace MultimodalFusion.Cli.Tests.Violence;

/// <summary>A scripted camera clip and a tiny brightness "violence" model for the <c>mmf violence</c> tests.</summary>
internal static class ViolenceTestMedia
{
    /// <summary>Frames per second of the scripted clip.</summary>
    public const int Fps = 10;

    /// <summary>Frames in the scripted clip (12 s).</summary>
    public const int Frames = 120;

    /// <summary>First and last bright ("violent") frame: 3.0 s .. 5.9 s; the other frames are dark.</summary>
    public const int BrightFrom = 30, BrightTo = 59;

    /// <summary>Writes a 64x48 MJPG clip, grey level 25 except the bright run (225); returns <paramref name="path"/>.</summary>
    public static string WriteScriptedClip(string path)
    {
        using var writer = new VideoWriter(path, FourCC.MJPG, Fps, new Size(64, 48));
        Assert.True(writer.IsOpened(), $"cannot write {path}");
        for (int i = 0; i < Frames; i++)
        {
            int level = i >= BrightFrom && i <= BrightTo ? 225 : 25;
            using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(level, level, level));
            writer.Write(frame);
        }
        return path;
    }

    /// <summary>
    /// A per-frame model: input "video" [1, t, 3] (mean B, G, R in 0..1) -> brightness m = mean over the 3 values
    /// -> logits [8 - 16 m, 16 m - 8] as "violence_frames" [1, t, 2]; bright frames score near 1, dark ones near 0.
    /// </summary>
    public static string WriteBrightnessModel(string path)
    {
        var graph = new OnnxGraphBuilder("cli-violence-brightness");
        graph.AddInput("video", OnnxElementType.Float, 1, "t", 3);
        graph.AddInitializer("scale", [-16f, 16f], 1, 2);
        graph.AddInitializer("bias", [8f, -8f], 2);
        graph.AddNode("ReduceMean", ["video"], ["brightness"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 1L);
        graph.AddNode("MatMul", ["brightness", "scale"], ["scaled"]);
        graph.AddNode("Add", ["scaled", "bias"], ["violence_frames"]);
        graph.AddOutput("violence_frames", OnnxElementType.Float, 1, "t", 2);
        graph.Save(path);
        WriteManifest(path, "video", "violence_frames");
        return path;
    }

    /// <summary>
    /// A violence fusion model (role fusion, task violence) over <paramref name="features"/> floats per frame:
    /// "video" [1, t, d] -> mean m -> logits [8 - 16 m, 16 m - 8] as "violence_frames" [1, t, 2].
    /// </summary>
    public static string WriteFusionModel(string path, int features)
    {
        var graph = new OnnxGraphBuilder("cli-violence-fusion");
        graph.AddInput("video", OnnxElementType.Float, 1, "t", features);
        graph.AddInitializer("scale", [-16f, 16f], 1, 2);
        graph.AddInitializer("bias", [8f, -8f], 2);
        graph.AddNode("ReduceMean", ["video"], ["m"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 1L);
        graph.AddNode("MatMul", ["m", "scale"], ["scaled"]);
        graph.AddNode("Add", ["scaled", "bias"], ["violence_frames"]);
        graph.AddOutput("violence_frames", OnnxElementType.Float, 1, "t", 2);
        graph.Save(path);
        WriteManifest(path, "video", "violence_frames", features);
        return path;
    }

    // The manifest beside it (role fusion), so the scorer loads it through ModelLoader like a trainer export.
    private static void WriteManifest(string path, string input, string output, int features = 3) =>
        new ModelManifest
        {
            Name = Path.GetFileNameWithoutExtension(path),
            Role = "fusion",
            Task = "violence",
            Inputs = [new TensorSpec { Name = input, Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)(long)features] }],
            Outputs = [new TensorSpec { Name = output, Shape = [(ManifestDim)1L, (ManifestDim)"t", (ManifestDim)2L] }],
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));

    /// <summary>A short-window profile so that the 3 s bright run gives exactly one event, and a JSONL sink (tests edit values by text).</summary>
    public static string ConfigJson() => """
        {
          "Profiles": { "Violence": { "Window": "00:00:01", "Hop": "00:00:00.5", "Threshold": 0.8, "FramesToStart": 3,
                                      "Cutoff": "00:00:01", "Cooldown": "00:00:01", "ClipBefore": "00:00:01", "ClipAfter": "00:00:01" } },
          "Sinks": { "Store": { "Path": "data/events.db" }, "Jsonl": { "Path": "events.jsonl" } }
        }
        """;
}
