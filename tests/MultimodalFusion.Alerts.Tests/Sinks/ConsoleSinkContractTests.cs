using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Tests.Support;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>The console sink against a writer it does not own.</summary>
public sealed class ConsoleSinkContractTests : AlertSinkContract
{
    private readonly StringWriter _writer = new();

    protected override Task<IAlertSink> CreateSinkAsync() => Task.FromResult<IAlertSink>(new ConsoleSink(TextWriter.Synchronized(_writer)));

    protected override IReadOnlyList<string> Received()
    {
        lock (_writer)
            return _writer.ToString().Split(Environment.NewLine)[..^1];
    }

    protected override string Expected(AlertEvent evt, string json) => ConsoleSink.Format(evt);

    [Fact]
    public void Formats_one_readable_line()
    {
        var evt = Store.SqliteEventStoreTests.Event("gate", "evt_A", AlertState.End, peak: 0.93);
        Assert.Equal("ALERT end gate violence evt_A peak=0.930 start=2026-11-24T20:41:07.250Z end=2026-11-24T20:41:09.000Z clip=-",
            ConsoleSink.Format(evt));
    }
}
