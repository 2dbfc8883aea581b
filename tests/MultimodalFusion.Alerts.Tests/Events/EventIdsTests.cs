using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Tests.Events;

public sealed class EventIdsTests
{
    [Fact]
    public void Ids_carry_their_millisecond_and_sort_by_it()
    {
        var t0 = new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero);
        string a = EventIds.New(t0);
        string b = EventIds.New(t0.AddMilliseconds(1));
        Assert.Equal(30, a.Length);
        Assert.StartsWith("evt_01", a);
        Assert.Equal(t0, EventIds.TimestampOf(a));
        Assert.Equal(t0.AddMilliseconds(1), EventIds.TimestampOf(b));
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_are_unique_and_increasing()
    {
        var t = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 2000).Select(_ => EventIds.New(t)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids, ids.OrderBy(x => x, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("evt_01")]
    [InlineData("xyz_01JD0000000000000000000000")]
    [InlineData("evt_01JD00000000000000000000U0")]
    public void Malformed_ids_are_rejected(string id) => Assert.Throws<FormatException>(() => EventIds.TimestampOf(id));
}
