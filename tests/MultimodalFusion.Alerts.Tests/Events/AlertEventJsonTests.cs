using System.Text.Json;
using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Alerts.Tests.Events;

public sealed class AlertEventJsonTests
{
    private static AlertEvent DesignExample() => new("evt_01", "gate", "violence", AlertState.Start,
        new DateTimeOffset(2026, 11, 24, 20, 41, 7, 250, TimeSpan.Zero), null, 0.93,
        new Dictionary<string, double> { ["video"] = 0.55, ["audio"] = 0.35, ["text"] = 0.10 },
        "clips/gate/evt_01.mp4", "clips/gate/evt_01.jpg", "gate/evt_01/start");

    [Fact]
    public void Serialises_exactly_like_the_design_example()
    {
        const string expected = """{"id":"evt_01","camera":"gate","kind":"violence","state":"start","start":"2026-11-24T20:41:07.250Z","end":null,"peakScore":0.93,"contributions":{"video":0.55,"audio":0.35,"text":0.1},"clip":"clips/gate/evt_01.mp4","snapshot":"clips/gate/evt_01.jpg","idempotencyKey":"gate/evt_01/start"}""";
        Assert.Equal(expected, AlertEventJson.Serialize(DesignExample()));
    }

    [Fact]
    public void Round_trips_an_end_event_with_a_non_utc_offset_written_as_utc()
    {
        var end = DesignExample() with
        {
            State = AlertState.End,
            Start = new DateTimeOffset(2026, 11, 24, 21, 41, 7, 250, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 11, 24, 20, 41, 9, 5, TimeSpan.Zero),
            IdempotencyKey = "gate/evt_01/end",
        };
        string json = AlertEventJson.Serialize(end);
        Assert.Contains("\"start\":\"2026-11-24T20:41:07.250Z\"", json);
        Assert.Contains("\"end\":\"2026-11-24T20:41:09.005Z\"", json);
        Assert.Contains("\"state\":\"end\"", json);
        var back = AlertEventJson.Deserialize(json);
        Assert.Equal(end.Start, back.Start);
        Assert.Equal(end.End, back.End);
        Assert.Equal(AlertState.End, back.State);
        Assert.Equal(end.Contributions, back.Contributions);
        Assert.Equal(json, AlertEventJson.Serialize(back));
    }

    [Fact]
    public void An_unknown_state_is_rejected()
    {
        string json = AlertEventJson.Serialize(DesignExample()).Replace("\"start\",", "\"begin\",");
        Assert.Throws<JsonException>(() => AlertEventJson.Deserialize(json));
    }

    [Fact]
    public void Update_keys_carry_their_sequence_number()
    {
        Assert.Equal("gate/evt_01/update/3", AlertEvent.KeyFor("gate", "evt_01", AlertState.Update, 3));
        Assert.Equal("gate/evt_01/end", AlertEvent.KeyFor("gate", "evt_01", AlertState.End, 3));
    }
}
