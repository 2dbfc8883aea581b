using MultimodalFusion.Datasets.AffWild2;
using MultimodalFusion.Datasets.Cache;
using MultimodalFusion.Datasets.Dvd;

namespace MultimodalFusion.Datasets.Tests.Cache;

public class CacheLabelsTests
{
    [Fact]
    public void Va_ignore_becomes_nan_for_the_whole_frame()
    {
        var va = CacheLabels.FromVa(new VaAnnotation([0.5f, -5f, 0.1f], [-0.5f, 0.2f, 0.3f]));
        Assert.Equal(6, va.Length);
        Assert.Equal((0.5f, -0.5f), (va[0], va[1]));
        Assert.True(float.IsNaN(va[2]) && float.IsNaN(va[3]));
        Assert.Equal((0.1f, 0.3f), (va[4], va[5]));
    }

    [Fact]
    public void Expr_and_dvd_labels_become_dense_with_minus_one()
    {
        int[] source = [3, -1, 7];
        int[] expr = CacheLabels.FromExpr(new ExprAnnotation(source));
        expr[0] = 0;
        Assert.Equal(3, source[0]);
        Assert.Equal([1, -1, 0, -1], CacheLabels.FromDvd(new DvdLabels([1, 3, 9], [1, 0, 1]), 4));
    }

    [Fact]
    public void Ignored_label_arrays_for_videos_without_that_annotation()
    {
        float[] va = CacheLabels.IgnoredVa(3);
        Assert.Equal(6, va.Length);
        Assert.All(va, v => Assert.True(float.IsNaN(v)));
        Assert.Equal([-1, -1], CacheLabels.IgnoredClasses(2));
    }

    [Fact]
    public void Frame_timestamps_are_rounded_microseconds_from_zero()
    {
        Assert.Equal([0L, 33_367, 66_733, 100_100], CacheLabels.FrameTimestamps(4, 30_000.0 / 1001));
        Assert.Equal([0L, 40_000], CacheLabels.FrameTimestamps(2, 25));
        Assert.Throws<ArgumentOutOfRangeException>(() => CacheLabels.FrameTimestamps(2, 0));
    }
}
