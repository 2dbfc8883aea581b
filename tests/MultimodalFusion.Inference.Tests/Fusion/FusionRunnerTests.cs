using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Inference.Manifests;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Inference.Tests.Fusion;

public sealed class FusionRunnerTests : IDisposable
{
    private const int T = 4;
    private static readonly (string Name, int Dim)[] s_modalities = [("video", 3), ("audio", 2)];
    private readonly string _dir = RepoPaths.NewTempDir("mmf-fusion");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FusionModel() => TestFusionGraph.Save(_dir, s_modalities);

    private static float[] Reference(Dictionary<string, (float[] X, bool[] Mask)> inputs) =>
        TestFusionGraph.Reference(s_modalities.Select(m => (inputs[m.Name].X, inputs[m.Name].Mask, m.Dim)).ToList(), T)
            .Select(p => (float)p).ToArray();

    [Fact]
    public void Masked_window_gives_the_reference_probabilities_and_label()
    {
        using var model = new ModelLoader().Load(FusionModel());
        using var runner = new FusionRunner(model, T);
        var inputs = new Dictionary<string, (float[] X, bool[] Mask)>
        {
            ["video"] = (TestGraphs.Weights(T * 3, seed: 21), [true, true, false, true]),
            ["audio"] = (TestGraphs.Weights(T * 2, seed: 22), [false, false, false, false]),   // audio absent
        };

        foreach (var (name, (x, mask)) in inputs)
        {
            x.CopyTo(runner.Sequence(name));
            mask.CopyTo(runner.Mask($"{name}_mask"));
        }
        runner.Run();

        float[] expected = Reference(inputs);
        float[] actual = runner.Output("expr").ToArray();
        for (int c = 0; c < 3; c++)
            Assert.Equal(expected[c], actual[c], 1e-5f);
        Assert.Equal(1f, actual.Sum(), 1e-5f);
        Assert.Equal(TestFusionGraph.Labels[Array.IndexOf(expected, expected.Max())], runner.TopLabel("expr"));

        // A second window through the same bound buffers: no allocation, new numbers.
        inputs["audio"] = (inputs["audio"].X, [true, true, true, true]);
        inputs["audio"].Mask.CopyTo(runner.Mask("audio_mask"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        runner.Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        float[] second = Reference(inputs);
        for (int c = 0; c < 3; c++)
            Assert.Equal(second[c], runner.Output("expr")[c], 1e-5f);
    }

    [Fact]
    public void Unknown_or_mistyped_buffer_names_fail_clearly()
    {
        using var model = new ModelLoader().Load(FusionModel());
        using var runner = new FusionRunner(model, T);
        var unknown = Assert.Throws<ArgumentException>(() => runner.Sequence("text"));
        Assert.Contains("no tensor named 'text'", unknown.Message);
        var mistyped = Assert.Throws<ArgumentException>(() => runner.Sequence("video_mask"));
        Assert.Contains("'video_mask' holds Boolean, not Single", mistyped.Message);
    }

    [Fact]
    public void Each_stream_gets_its_own_time_axis_and_a_shared_axis_takes_the_longest()
    {
        string perStream = TestFusionGraph.Save(Directory.CreateDirectory(Path.Combine(_dir, "own")).FullName, s_modalities, axisPerStream: true);
        using (var model = new ModelLoader().Load(perStream))
        using (var runner = new FusionRunner(model, new Dictionary<string, int> { ["video"] = 21, ["audio"] = 5 }, 1))
        {
            Assert.Equal((21 * 3, 21, 5 * 2, 5), (runner.Sequence("video").Length, runner.Mask("video_mask").Length, runner.Sequence("audio").Length, runner.Mask("audio_mask").Length));
            Assert.Equal((21, 5, 5), (runner.Steps("video"), runner.Steps("audio"), runner.Steps("audio_mask")));
            // Rows packed from step 0 with the padding masked give the same output as the unpadded window.
            var video = TestGraphs.Weights(21 * 3, seed: 5);
            var mask = Enumerable.Range(0, 21).Select(i => i < 20).ToArray();
            video.CopyTo(runner.Sequence("video"));
            mask.CopyTo(runner.Mask("video_mask"));
            runner.Run();
            float[] expected = TestFusionGraph.Reference([(video, mask, 3), (new float[10], new bool[5], 2)], 21).Select(p => (float)p).ToArray();
            Assert.Equal(expected, runner.Output("expr").ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);
        }
        using var shared = new ModelLoader().Load(FusionModel());
        using var sharedRunner = new FusionRunner(shared, new Dictionary<string, int> { ["video"] = 21, ["audio"] = 5 }, 1);
        Assert.Equal((21, 21), (sharedRunner.Steps("video"), sharedRunner.Steps("audio")));
        var unknown = Assert.Throws<ArgumentException>(() => new FusionRunner(shared, new Dictionary<string, int> { ["text"] = 3 }, 1));
        Assert.Contains("no input 'text'", unknown.Message);
    }
}
