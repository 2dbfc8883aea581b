namespace MultimodalFusion.Onnx.Tests;

/// <summary>A GRU node (the fusion model's temporal block) against a reference written from the ONNX operator spec.</summary>
public sealed class GruGraphTests
{
    private const int Input = 3, Hidden = 2, Seq = 4, Batch = 2;

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    public void Gru_matches_spec_reference(long linearBeforeReset)
    {
        var rng = new Random(42);
        float[] w = Random(rng, 3 * Hidden * Input);   // gates z, r, h stacked: [1, 3H, I]
        float[] r = Random(rng, 3 * Hidden * Hidden);  // [1, 3H, H]
        float[] bias = Random(rng, 6 * Hidden);        // [1, 6H]: Wb then Rb
        float[] x = Random(rng, Seq * Batch * Input);  // [T, B, I]

        var b = new OnnxGraphBuilder("gru");
        b.AddInput("x", OnnxElementType.Float, "t", "batch", Input);
        b.AddInitializer("W", w, 1, 3 * Hidden, Input);
        b.AddInitializer("R", r, 1, 3 * Hidden, Hidden);
        b.AddInitializer("B", bias, 1, 6 * Hidden);
        b.AddNode("GRU", ["x", "W", "R", "B"], ["y", "y_h"])
            .Attribute("hidden_size", (long)Hidden)
            .Attribute("linear_before_reset", linearBeforeReset)
            .Attribute("direction", "forward");
        b.AddOutput("y", OnnxElementType.Float, "t", 1, "batch", Hidden);
        b.AddOutput("y_h", OnnxElementType.Float, 1, "batch", Hidden);

        var result = OrtRunner.Run(b.ToBytes(), ("x", x, [Seq, Batch, Input]));
        float[] expected = Reference(x, w, r, bias, linearBeforeReset == 1);

        Assert.Equal([(long)Seq, 1, Batch, Hidden], result["y"].Shape);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], result["y"].Values[i], 1e-5f);
        // y_h is the last step of y.
        Assert.Equal(result["y"].Values[^(Batch * Hidden)..], result["y_h"].Values);
    }

    private static float[] Reference(float[] x, float[] w, float[] r, float[] bias, bool linearBeforeReset)
    {
        var y = new float[Seq * Batch * Hidden];
        var h = new double[Batch, Hidden];
        for (int t = 0; t < Seq; t++)
        {
            var next = new double[Batch, Hidden];
            for (int n = 0; n < Batch; n++)
            {
                for (int j = 0; j < Hidden; j++)
                {
                    double Xw(int gate) => Dot(x, (t * Batch + n) * Input, w, (gate * Hidden + j) * Input, Input) + bias[gate * Hidden + j];
                    double Hr(int gate, double[] hs) => Dot(hs, r, (gate * Hidden + j) * Hidden) + bias[3 * Hidden + gate * Hidden + j];
                    double[] hPrev = Row(h, n);
                    double z = Sigmoid(Xw(0) + Hr(0, hPrev));
                    double[] rGate = new double[Hidden];
                    for (int k = 0; k < Hidden; k++)
                        rGate[k] = Sigmoid(Dot(x, (t * Batch + n) * Input, w, (Hidden + k) * Input, Input) + bias[Hidden + k]
                            + Dot(hPrev, r, (Hidden + k) * Hidden) + bias[4 * Hidden + k]);
                    double candidate = linearBeforeReset
                        ? Math.Tanh(Xw(2) + rGate[j] * Hr(2, hPrev))
                        : Math.Tanh(Xw(2) + Hr(2, hPrev.Select((v, k) => v * rGate[k]).ToArray()));
                    next[n, j] = (1 - z) * candidate + z * hPrev[j];
                    y[(t * Batch + n) * Hidden + j] = (float)next[n, j];
                }
            }
            h = next;
        }
        return y;
    }

    private static double Dot(float[] a, int aOffset, float[] b, int bOffset, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
            sum += a[aOffset + i] * b[bOffset + i];
        return sum;
    }

    private static double Dot(double[] h, float[] r, int offset)
    {
        double sum = 0;
        for (int i = 0; i < h.Length; i++)
            sum += h[i] * r[offset + i];
        return sum;
    }

    private static double[] Row(double[,] m, int n) => Enumerable.Range(0, Hidden).Select(j => m[n, j]).ToArray();

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static float[] Random(Random rng, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
}
