using System.Text.Json;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Store;
using MultimodalFusion.Alerts.Tests.Rules;
using MultimodalFusion.Alerts.Tests.Sinks;
using MultimodalFusion.Alerts.Tests.Support;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Alerts.Tests.Delivery;

/// <summary>Scores in, lines out: recorder (rule + store) and a dispatcher to a JSONL file, as the violence app wires them.</summary>
public sealed class AlertFlowTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-alerts-flow");

    [Fact]
    public async Task A_scripted_score_sequence_becomes_start_update_end_lines_of_one_event()
    {
        string jsonl = Path.Combine(_dir, "alerts.jsonl");
        using var store = new SqliteEventStore(Path.Combine(_dir, "events.db"), ["jsonl"]);
        await using var sink = new JsonlSink(jsonl);
        await using var dispatcher = new OutboxDispatcher(store, sink, AlertSinkContract.Fast);
        var recorder = new AlertRecorder(new AlertRule(AlertRuleTests.Options(), new ClockUtcMapping(0, AlertRuleTests.Origin)), store);
        var shares = new Dictionary<Modality, double> { [Modality.Video] = 0.5, [Modality.Audio] = 0.3, [Modality.Text] = 0.2 };

        // 2 s rising above the threshold, then 2 s low: start (0.2 s), update (1.2 s), update with the peak held back
        // since 1.3 s (2.2 s, a low frame), end (2.9 s: 1 s after the last frame above).
        for (int i = 0; i < 40; i++)
            recorder.Observe("gate", i * 100_000L, i < 20 ? 0.85 + 0.005 * i : 0.1, shares);

        await Poll.UntilAsync(() => dispatcher.Backlog == 0, "the JSONL sink to catch up");
        var lines = File.ReadAllLines(jsonl).Select(AlertEventJson.Deserialize).ToList();
        Assert.Equal([AlertState.Start, AlertState.Update, AlertState.Update, AlertState.End], lines.Select(e => e.State));
        Assert.Equal(lines[3].PeakScore, lines[2].PeakScore);
        Assert.Single(lines.Select(e => e.Id).Distinct());
        Assert.Equal(AlertRuleTests.Origin, lines[3].Start);
        Assert.Equal(AlertRuleTests.Origin.AddMilliseconds(1900), lines[3].End);
        Assert.Equal(0.85 + 0.005 * 19, lines[3].PeakScore, 9);
        Assert.Equal(0.5, lines[0].Contributions["video"]);
        Assert.Equal(store.GetEvents().Select(AlertEventJson.Serialize), File.ReadAllLines(jsonl));
        using var doc = JsonDocument.Parse(File.ReadAllLines(jsonl)[0]);
        Assert.Equal(["id", "camera", "kind", "state", "start", "end", "peakScore", "contributions", "clip", "snapshot", "idempotencyKey"],
            doc.RootElement.EnumerateObject().Select(p => p.Name));
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
