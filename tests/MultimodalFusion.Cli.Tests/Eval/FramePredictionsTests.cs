using MultimodalFusion.Cli.Eval;

namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>The rule that maps window and per-frame outputs onto every frame.</summary>
public sealed class FramePredictionsTests
{
    [Fact]
    public void Frame_outputs_win_then_the_centre_weighted_mean_of_covering_windows_then_the_nearest_window()
    {
        // Frames every 0.1 s for 1.5 s; windows [0, 0.6) (centre 0.3 s) and [0.3, 0.9) (centre 0.6 s); nothing covers
        // 0.9 s and later.
        long[] frames = Enumerable.Range(0, 15).Select(i => i * 100_000L).ToArray();
        var predictions = new FramePredictions(frames, 2);
        predictions.AddWindow(0, 600_000, [0.2f, 0.8f]);
        predictions.AddWindow(300_000, 900_000, [0.6f, 0.4f]);
        predictions.AddFrame(1, [0.9f, 0.1f]);
        predictions.AddFrame(1, [0.5f, 0.5f]);
        float[] values = predictions.Resolve();

        Assert.Equal([0.2f, 0.8f], values[0..2]);                 // only window 0 covers frame 0 (weight 0: its plain mean)
        Assert.Equal(0.7f, values[2], 6);                          // frame 1: mean of its two frame outputs
        Assert.Equal(0.3f, values[3], 6);
        Assert.Equal([0.2f, 0.8f], values[6..8]);                  // frame 3 (0.3 s): window 0's centre, window 1's start (weight 0)
        // Frame 4 (0.4 s): weights (2/3)^2 = 4/9 (window 0) and (1/3)^2 = 1/9 (window 1): (4 * 0.2 + 0.6) / 5 = 0.28.
        Assert.Equal(0.28f, values[8], 5);
        Assert.Equal(0.72f, values[9], 5);
        Assert.Equal(0.52f, values[10], 5);                        // frame 5 (0.5 s): the other way round, (0.2 + 4 * 0.6) / 5
        Assert.Equal([0.6f, 0.4f], values[(7 * 2)..(7 * 2 + 2)]);  // frame 7: window 1 only
        Assert.Equal([0.6f, 0.4f], values[(14 * 2)..]);            // frame 14: no window; window 1's centre (0.6 s) is nearer
        Assert.Equal([1, 0, 0, 0], FramePredictions.ArgMax([0.2f, 0.8f, 0.7f, 0.3f, 0.5f, 0.5f, 0.9f, 0.1f], 2));
    }

    [Fact]
    public void Centre_weight_is_one_at_the_centre_and_falls_quadratically_to_zero_at_the_edges()
    {
        Assert.Equal(1.0, FramePredictions.CentreWeight(1_000_000, 0, 2_000_000), 12);
        Assert.Equal(0.25, FramePredictions.CentreWeight(500_000, 0, 2_000_000), 12);   // d = 0.5
        Assert.Equal(0.25, FramePredictions.CentreWeight(1_500_000, 0, 2_000_000), 12);
        Assert.Equal(0.0, FramePredictions.CentreWeight(0, 0, 2_000_000), 12);          // the start: d = 1
        Assert.Equal(0.0, FramePredictions.CentreWeight(3_000_000, 0, 2_000_000), 12);  // outside
        Assert.Equal(0.0, FramePredictions.CentreWeight(0, 5, 5), 12);                  // empty window
    }

    [Fact]
    public void Frames_on_the_start_of_every_covering_window_take_their_plain_mean()
    {
        // Two windows starting together at 0: frame 0 sits on both starts (weights 0), frame 1 (0.5 s) on window 1's centre.
        var predictions = new FramePredictions([0, 500_000], 1);
        predictions.AddWindow(0, 1_000_000, [1f]);
        predictions.AddWindow(0, 4_000_000, [3f]);
        float[] values = predictions.Resolve();

        Assert.Equal(2f, values[0], 6);
        // Frame 1: window 0 (centre 0.5 s) weight 1, window 1 (centre 2 s, half 2 s) d = 0.75, weight 1/16.
        Assert.Equal((1f + 3f / 16) / (1f + 1f / 16), values[1], 5);
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
