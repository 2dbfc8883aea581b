using MultimodalFusion.Alerts.Events;
using OpenCvSharp;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// <c>mmf violence --rtsp</c> as a real process against a loopback RTSP camera, a real mosquitto, a webhook receiver and
/// the SQLite store: one scripted violent segment gives exactly one event, delivered to every sink.
/// </summary>
public sealed class ViolenceRtspTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_hop = TimeSpan.FromSeconds(0.5);

    [Fact]
    public async Task One_violent_segment_gives_one_event_at_its_stream_time_with_a_clip_a_row_a_webhook_call_and_an_mqtt_message()
    {
        await using var rig = await ViolenceRtspRig.StartAsync(cooldown: TimeSpan.FromSeconds(60));
        var mmf = rig.StartMmf("scores.csv");

        await mmf.WaitForOutputAsync(" cam1 violence end ", s_timeout);
        await Poll.UntilAsync(() => rig.Webhook.AcceptedEvents.Any(e => e.State == "end") && rig.MqttKeys().Any(k => k.EndsWith("/end", StringComparison.Ordinal)),
            "the end transition at the webhook and over MQTT", s_timeout, () => rig.Describe(mmf));
        mmf.Interrupt();
        int exit = await mmf.WaitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\n{rig.Describe(mmf)}");

        var stored = rig.StoredEvents();
        string id = Assert.Single(stored.Select(e => e.Id).Distinct());
        var end = Assert.Single(stored, e => e.State == AlertState.End);
        Assert.Single(stored, e => e.State == AlertState.Start);
        Assert.Single(mmf.Stdout.Split('\n'), l => l.Contains($" cam1 violence start {id} ", StringComparison.Ordinal));

        // Stream time: frame k arrives at about T0 + k / 10 s; T0 is read off the calm ramp's frames (see ViolenceStream).
        var origin = ViolenceStream.StreamOrigin(rig.Scores("scores.csv"));
        Assert.True(origin.HasValue, $"too few ramp frames in the scores file: the stream reached mmf late\n{rig.Describe(mmf)}");
        var expectedStart = origin.Value + TimeSpan.FromSeconds((double)ViolenceStream.ViolentFrom / ViolenceStream.Fps);
        var expectedEnd = origin.Value + TimeSpan.FromSeconds((double)ViolenceStream.ViolentTo / ViolenceStream.Fps);
        Assert.True((end.Start - expectedStart).Duration() <= s_hop, $"start {end.Start:O}, expected {expectedStart:O} (T0 {origin:O})");
        Assert.True((end.End!.Value - expectedEnd).Duration() <= s_hop, $"end {end.End:O}, expected {expectedEnd:O} (T0 {origin:O})");
        Assert.True(end.PeakScore > 0.99, $"peak {end.PeakScore}");

        // A playable clip and its snapshot.
        string clip = Path.Combine(rig.OutDir, end.Clip!);
        using (var capture = new VideoCapture(clip))
        {
            Assert.True(capture.IsOpened(), $"cannot reopen {clip}");
            Assert.True(capture.FrameCount > 0, $"{clip} has {capture.FrameCount} frames");
            Assert.Equal(160, capture.FrameWidth);
        }
        Assert.True(File.Exists(Path.Combine(rig.OutDir, end.Snapshot!)));

        // Every sink got every transition, each exactly once, under its idempotency key.
        var keys = stored.Select(e => e.IdempotencyKey).ToList();
        Assert.Contains($"cam1/{id}/start", keys);
        Assert.Contains($"cam1/{id}/end", keys);
        Assert.Equal(keys, rig.Webhook.Deliveries.Select(d => d.Key!));
        Assert.All(rig.Webhook.AcceptedEvents, e => Assert.Contains(e.BodyKey, keys));
        Assert.Equal(keys, rig.MqttKeys());
        Assert.Equal(keys, rig.JsonlKeys());
    }

    [Fact]
    public async Task An_mqtt_broker_down_during_the_event_gets_the_end_exactly_once_after_it_is_back()
    {
        await using var rig = await ViolenceRtspRig.StartAsync(cooldown: TimeSpan.FromSeconds(60));
        var mmf = rig.StartMmf("scores.csv");

        await Poll.UntilAsync(() => rig.MqttKeys().Any(k => k.EndsWith("/start", StringComparison.Ordinal)),
            "the start transition over MQTT", s_timeout, () => rig.Describe(mmf));
        await rig.Servers.StopBrokerAsync();
        // The event ends while the broker is down: the end is stored, the webhook gets it, MQTT cannot.
        await mmf.WaitForOutputAsync(" cam1 violence end ", s_timeout);
        await Poll.UntilAsync(() => rig.Webhook.AcceptedEvents.Any(e => e.State == "end"), "the end at the webhook", s_timeout, () => rig.Describe(mmf));
        Assert.DoesNotContain(rig.MqttKeys(), k => k.EndsWith("/end", StringComparison.Ordinal));

        await rig.Servers.StartBrokerAsync();
        await Poll.UntilAsync(() => rig.MqttKeys().Any(k => k.EndsWith("/end", StringComparison.Ordinal)),
            "the end over MQTT after the broker came back", s_timeout, () => rig.Describe(mmf));
        mmf.Interrupt();
        int exit = await mmf.WaitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\n{rig.Describe(mmf)}");

        var keys = rig.StoredEvents().Select(e => e.IdempotencyKey).ToList();
        Assert.Single(rig.StoredEvents().Select(e => e.Id).Distinct());
        // Exactly once each: the start before the outage, the rest (the end) after it.
        Assert.Equal(keys, rig.MqttKeys());
        Assert.Equal(keys, rig.Webhook.Deliveries.Select(d => d.Key!));
    }
}
