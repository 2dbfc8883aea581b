using MultimodalFusion.Cli.Eval;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>The rule that maps window and per-frame outputs onto every frame.</summary>
public sealed class FramePredictionsTests
{
    [Fact]
    public void Frame_outputs_win_then_the_mean_of_covering_windows_then_the_nearest_window()
    {
        // Frames every 0.1 s for 1.5 s; windows [0, 0.6) and [0.3, 0.9); nothing covers 0.9 s and later.
        long[] frames = Enumerable.Range(0, 15).Select(i => i * 100_000L).ToArray();
        var predictions = new FramePredictions(frames, 2);
        predictions.AddWindow(0, 600_000, [0.2f, 0.8f]);
        predictions.AddWindow(300_000, 900_000, [0.6f, 0.4f]);
        predictions.AddFrame(1, [0.9f, 0.1f]);
        predictions.AddFrame(1, [0.5f, 0.5f]);
        float[] values = predictions.Resolve();

        Assert.Equal([0.2f, 0.8f], values[0..2]);                 // only window 0 covers frame 0
        Assert.Equal(0.7f, values[2], 6);                          // frame 1: mean of its two frame outputs
        Assert.Equal(0.3f, values[3], 6);
        Assert.Equal(0.4f, values[8], 6);                          // frame 4 (0.4 s): mean of both windows
        Assert.Equal(0.6f, values[9], 6);
        Assert.Equal([0.6f, 0.4f], values[(7 * 2)..(7 * 2 + 2)]);  // frame 7: window 1 only
        Assert.Equal([0.6f, 0.4f], values[(14 * 2)..]);            // frame 14: no window; window 1's centre (0.6 s) is nearer
        Assert.Equal([1, 0, 0, 0], FramePredictions.ArgMax([0.2f, 0.8f, 0.7f, 0.3f, 0.5f, 0.5f, 0.9f, 0.1f], 2));
    }

    [Fact]
    public void Mismatched_widths_frames_out_of_range_and_no_output_at_all_are_refused()
    {
        var predictions = new FramePredictions([0, 100_000], 2);
        Assert.Throws<ArgumentException>(() => predictions.AddWindow(0, 1, [1f, 2f, 3f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => predictions.AddFrame(2, [1f, 2f]));
        Assert.Throws<InvalidOperationException>(() => predictions.Resolve());
    }
}
