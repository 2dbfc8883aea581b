using MultimodalFusion.Apps.Emotion;
using MultimodalFusion.Inference.Fusion;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Tests.Emotion;

public sealed class VaSmootherTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void One_time_constant_covers_63_percent_of_a_step()
    {
        var s = new VaSmoother(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal((0f, 0f), s.Update(0, 0f, 0f));
        var (v, a) = s.Update(1 * Second, 1f, -1f);
        Assert.Equal(0.632121, v, 5); // 1 - e^-1
        Assert.Equal(-0.632121, a, 5);
        (v, _) = s.Update(Second + Second / 2, 1f, 0f);
        Assert.Equal(0.776870, v, 5); // 0.632121 + (1 - e^-0.5) * 0.367879
    }

    [Fact]
    public void Uneven_hops_reach_the_same_value_at_the_same_time()
    {
        var coarse = new VaSmoother(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        var fine = new VaSmoother(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        coarse.Update(0, -1f, 0.5f);
        fine.Update(0, -1f, 0.5f);
        var c = coarse.Update(3 * Second, 1f, 0.5f);
        fine.Update(Second / 4, 1f, 0.5f);
        fine.Update(Second, 1f, 0.5f);
        var f = fine.Update(3 * Second, 1f, 0.5f);
        Assert.Equal(c.Valence, f.Valence, 5);
        Assert.Equal(-1 + 2 * (1 - Math.Exp(-1.5)), c.Valence, 5);
        Assert.Equal(0.5f, f.Arousal, 5);
    }

    [Fact]
    public void A_gap_longer_than_the_limit_or_a_step_back_restarts_the_state()
    {
        var s = new VaSmoother(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        s.Update(0, 0f, 0f);
        Assert.Equal(0.632121, s.Update(Second, 1f, 1f).Valence, 5);
        Assert.Equal((-0.5f, 0.25f), s.Update(3 * Second + 1, -0.5f, 0.25f));
        Assert.Equal((0.9f, 0.9f), s.Update(2 * Second, 0.9f, 0.9f));
        Assert.Equal(3, s.Resets);
        s.Reset();
        Assert.Equal((0.1f, 0.2f), s.Update(2 * Second + 1000, 0.1f, 0.2f));
        Assert.Equal(4, s.Resets);
    }

    [Fact]
    public void Zero_time_constant_passes_values_through()
    {
        var s = new VaSmoother(TimeSpan.Zero, TimeSpan.FromSeconds(1));
        s.Update(0, 0.3f, 0.3f);
        Assert.Equal((-0.7f, 0.8f), s.Update(Second / 2, -0.7f, 0.8f));
    }

    [Fact]
    public void Reading_from_a_prediction_takes_va_expr_and_the_top_expression()
    {
        var expr = new float[] { 0.1f, 0.05f, 0.05f, 0.05f, 0.6f, 0.05f, 0.05f, 0.05f };
        var prediction = new FusionPrediction("cam", 3, 2 * Second, 4 * Second, ModalityMask.Video | ModalityMask.Audio,
            new Dictionary<string, float[]> { ["va"] = [0.4f, -0.2f], ["expr"] = expr }, "Happiness");
        var reading = EmotionReading.FromPrediction(prediction, new VaSmoother(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
        Assert.Equal(("Happiness", 4, 0.6f), (reading.TopExpression, reading.TopIndex, reading.TopProbability));
        Assert.Equal((0.4f, -0.2f, 0.4f, -0.2f), (reading.Valence, reading.Arousal, reading.SmoothedValence, reading.SmoothedArousal));
        Assert.Equal(TimeSpan.FromSeconds(2), reading.Duration);
        expr[4] = 0f;
        Assert.Equal(0.6f, reading.Expressions[4]); // the reading owns a copy

        var violence = prediction with { Outputs = new Dictionary<string, float[]> { ["probs"] = [0.1f, 0.9f] } };
        var ex = Assert.Throws<ArgumentException>(() => EmotionReading.FromPrediction(violence, new VaSmoother(TimeSpan.Zero, TimeSpan.FromSeconds(1))));
        Assert.Contains("'va'", ex.Message);
        Assert.Contains("cam", ex.Message);
        Assert.Throws<ArgumentException>(() => new EmotionReading(0, 1, 0, 0, 0, 0, new float[3], ModalityMask.None));
    }
}
