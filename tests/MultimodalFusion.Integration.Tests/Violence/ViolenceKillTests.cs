using MultimodalFusion.Alerts.Events;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// SIGKILL of <c>mmf violence</c> during an event, then a restart with the same store and config: the open event is
/// resumed from the store and its end arrives; receivers that dedupe by idempotency key see each transition once.
/// </summary>
public sealed class ViolenceKillTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killed_during_an_event_and_restarted_the_end_still_arrives_and_no_transition_is_seen_twice_after_dedup()
    {
        await using var rig = await ViolenceRtspRig.StartAsync(cooldown: TimeSpan.FromSeconds(60));
        var first = rig.StartMmf("scores-1.csv");
        await first.WaitForOutputAsync(" cam1 violence start ", s_timeout);
        // The line is printed once the start is in the store; kill now, inside the violent segment (SIGKILL, no cleanup).
        var killedAt = DateTimeOffset.UtcNow;
        await rig.KillAsync(first);
        var open = Assert.Single(rig.StoredEvents());
        Assert.Equal(AlertState.Start, open.State);
        Assert.True(killedAt - open.Start < TimeSpan.FromSeconds(4), $"killed {killedAt:O}, event started {open.Start:O}: not during the 4 s segment");

        // The restart reconnects (the server replays the clip from its start) and resumes the open event from the store:
        // its first frames come after the cutoff, or after the cutoff the calm ramp ends the event; either way it ends.
        var second = rig.StartMmf("scores-2.csv");
        await second.WaitForOutputAsync($" cam1 violence end {open.Id} ", s_timeout);
        await Poll.UntilAsync(() => rig.Webhook.AcceptedKeys.Contains($"cam1/{open.Id}/end") && rig.MqttKeys().Contains($"cam1/{open.Id}/end"),
            "the end at the webhook and over MQTT", s_timeout, () => rig.Describe(second));
        second.Interrupt();
        int exit = await second.WaitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\n{rig.Describe(second)}");

        var stored = rig.StoredEvents();
        Assert.All(stored, e => Assert.Equal(open.Id, e.Id)); // one event: no second start after the restart
        Assert.Single(stored, e => e.State == AlertState.Start);
        var end = Assert.Single(stored, e => e.State == AlertState.End);
        Assert.Equal(open.Start, end.Start);
        Assert.InRange(end.End!.Value, open.Start, killedAt);
        Assert.DoesNotContain(second.Stdout.Split('\n'), l => l.Contains(" violence start ", StringComparison.Ordinal) && !l.Contains(open.Id, StringComparison.Ordinal));

        // Downstream, after dedup by key: each stored transition exactly once; a redelivery (the kill can land between a
        // receiver's ack and the outbox bookkeeping) carries the same key and body, never a new one.
        var keys = stored.Select(e => e.IdempotencyKey).ToList();
        Assert.Equal(keys, rig.Webhook.AcceptedKeys);
        Assert.All(rig.Webhook.Deliveries, d => Assert.Contains(d.Key, keys));
        Assert.All(rig.Webhook.Deliveries.GroupBy(d => d.Key), g => Assert.Single(g.Select(d => d.Body).Distinct()));
        Assert.All(rig.Webhook.AcceptedEvents, e => Assert.Contains(e.BodyKey, keys));
        Assert.Equal(keys, rig.MqttKeys().Distinct());
        Assert.Equal(keys, rig.JsonlKeys().Distinct());
    }
}
