using System.Diagnostics;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.Onnx;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>The scripted camera stream of the RTSP violence tests and the brightness "violence" model that scores it.</summary>
/// <remarks>
/// <para>30 s at 10 fps, 160x120 grey frames, H.264 with 1 s GOPs (clients start fast): frames 0..79 a calm ramp
/// (grey 10 + k, scoring below 0.01), frames 80..119 the violent segment (grey 230, scoring ~1), then calm grey 20.</para>
/// <para>How stream time relates to event times: the loopback server seeks its shared media to the start on every PLAY, so
/// frame k of the clip reaches mmf about T0 + k / 10 s after some T0 (plus a constant decode delay), except the first
/// second or two, which ffmpeg delivers in a burst after probing. The ramp makes a calm frame's index readable from its
/// score (<see cref="RampIndex"/>), so a test can estimate T0 from the frames' arrival times in <c>--scores</c> and
/// expect the event to start at T0 + 8.0 s (frame 80) and end at T0 + 11.9 s (frame 119).</para>
/// </remarks>
internal static class ViolenceStream
{
    public const int Fps = 10, Frames = 300, RampFrames = 80, ViolentFrom = 80, ViolentTo = 119;

    /// <summary>Writes the clip with Debian's ffmpeg (libx264); returns <paramref name="path"/>.</summary>
    public static string WriteClip(string path)
    {
        const string grey = "if(lt(N\\,80)\\,10+N\\,if(lt(N\\,120)\\,230\\,20))";
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[]
        {
            "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", $"nullsrc=s=160x120:r={Fps}:d={Frames / Fps},format=rgb24,geq=r='{grey}':g='{grey}':b='{grey}'",
            "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p", path,
        })
            psi.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(psi)!;
        string error = ffmpeg.StandardError.ReadToEnd();
        Assert.True(ffmpeg.WaitForExit(TimeSpan.FromMinutes(2)) && ffmpeg.ExitCode == 0, $"ffmpeg could not write {path}: {error}");
        return path;
    }

    /// <summary>
    /// Per-frame model: "video" [1, t, 3] mean B, G, R in 0..1 -> m = their mean -> logits [8 - 16 m, 16 m - 8]
    /// ("violence_frames" [1, t, 2]), so P(violent) = 1 / (1 + e^(16 - 32 m)); with its manifest.
    /// </summary>
    public static string WriteModel(string path)
    {
        var graph = new OnnxGraphBuilder("rtsp-violence-brightness");
        graph.AddInput("video", OnnxElementType.Float, 1, "t", 3);
        graph.AddInitializer("scale", [-16f, 16f], 1, 2);
        graph.AddInitializer("bias", [8f, -8f], 2);
        graph.AddNode("ReduceMean", ["video"], ["m"]).Attribute("axes", new long[] { 2 }).Attribute("keepdims", 1L);
        graph.AddNode("MatMul", ["m", "scale"], ["scaled"]);
        graph.AddNode("Add", ["scaled", "bias"], ["violence_frames"]);
        graph.AddOutput("violence_frames", OnnxElementType.Float, 1, "t", 2);
        graph.Save(path);
        new ModelManifest
        {
            Name = "rtsp-violence-brightness",
            Role = "fusion",
            Task = "violence",
            Inputs = [new TensorSpec { Name = "video", Shape = [1L, "t", 3L] }],
            Outputs = [new TensorSpec { Name = "violence_frames", Shape = [1L, "t", 2L] }],
            Sha256 = ModelLoader.Sha256Of(path),
        }.Save(ModelManifest.PathFor(path));
        return path;
    }

    /// <summary>The ramp frame index whose grey level gives <paramref name="score"/>, or null for a score off the ramp.</summary>
    public static double? RampIndex(double score)
    {
        if (!(score > 0 && score < 0.5))
            return null;
        double grey = 255 * (Math.Log(score / (1 - score)) + 16) / 32;
        double k = grey - 10;
        return k is >= -1 and <= RampFrames ? k : null;
    }

    /// <summary>
    /// T0 from the scored frames (UTC arrival, score): the median of arrival - k / fps over ramp frames k in 20..75
    /// (after ffmpeg's start-up burst); null when fewer than 10 such frames were seen.
    /// </summary>
    public static DateTimeOffset? StreamOrigin(IEnumerable<(DateTimeOffset Utc, double Score)> frames)
    {
        var origins = frames
            .Select(f => (f.Utc, K: RampIndex(f.Score)))
            .Where(f => f.K is >= 20 and <= 75)
            .Select(f => f.Utc - TimeSpan.FromSeconds(Math.Round(f.K!.Value) / Fps))
            .Order()
            .ToList();
        return origins.Count < 10 ? null : origins[origins.Count / 2];
    }
}
