using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;

namespace MultimodalFusion.Alerts.Tests.Rules;

/// <summary>A rule restored from a checkpoint taken by another rule whose clock had another origin (a restarted process).</summary>
public sealed class AlertRuleResumeTests
{
    private static readonly DateTimeOffset Origin = AlertRuleTests.Origin;

    private static (AlertRuleState State, AlertEvent Start) OpenEventCheckpoint()
    {
        var before = new AlertRule(AlertRuleTests.Options(), new ClockUtcMapping(0, Origin));
        AlertEvent? start = null;
        for (int i = 0; i <= 10; i++)
        {
            var evt = before.Observe("gate", i * 100_000L, 0.9);
            start ??= evt;
        }
        return (before.Checkpoint("gate"), start!);
    }

    [Fact]
    public void An_open_event_continues_under_its_id_when_frames_resume_within_Cutoff()
    {
        var (state, start) = OpenEventCheckpoint();
        Assert.True(state.IsOpen);
        Assert.Equal(Origin.AddSeconds(1), state.LastAboveUtc);
        // New process: its clock reads 5,000,000 us at 20:41:01.500 UTC, i.e. 0.5 s after the last frame above.
        var mapping = new ClockUtcMapping(5_000_000, Origin.AddMilliseconds(1500));
        var after = new AlertRule(AlertRuleTests.Options(), mapping);
        after.Restore(state);
        Assert.True(after.IsOpen("gate"));
        Assert.Null(after.Observe("gate", 5_000_000, 0.9));
        Assert.Null(after.Observe("gate", 5_100_000, 0.2));
        // Last above at 5.0 s on the new clock: the cutoff of 1 s ends it at 6.0 s.
        Assert.Null(after.Observe("gate", 5_900_000, 0.2));
        var end = after.Observe("gate", 6_000_000, 0.2);
        Assert.NotNull(end);
        Assert.Equal(AlertState.End, end.State);
        Assert.Equal(start.Id, end.Id);
        Assert.Equal(Origin, end.Start);
        Assert.Equal(Origin.AddMilliseconds(1500), end.End);
    }

    [Fact]
    public void An_open_event_ends_at_its_last_known_frame_above_when_frames_resume_after_Cutoff()
    {
        var (state, start) = OpenEventCheckpoint();
        var mapping = new ClockUtcMapping(0, Origin.AddSeconds(30));
        var after = new AlertRule(AlertRuleTests.Options(), mapping);
        after.Restore(state);
        var end = after.Observe("gate", 0, 0.95);
        Assert.NotNull(end);
        Assert.Equal(AlertState.End, end.State);
        Assert.Equal(start.Id, end.Id);
        Assert.Equal(Origin.AddSeconds(1), end.End);
        // The cooldown (5 s from the ending frame) is part of the state a later restart gets.
        Assert.Equal(Origin.AddSeconds(35), after.Checkpoint("gate").CooldownUntilUtc);
    }

    [Fact]
    public void Restoring_a_state_of_another_kind_or_after_frames_fails_with_the_camera_named()
    {
        var (state, _) = OpenEventCheckpoint();
        var other = new AlertRule(AlertRuleTests.Options() with { Kind = "fall" }, new ClockUtcMapping(0, Origin));
        Assert.Contains("'gate'", Assert.Throws<ArgumentException>(() => other.Restore(state)).Message);
        var busy = new AlertRule(AlertRuleTests.Options(), new ClockUtcMapping(0, Origin));
        busy.Observe("gate", 0, 0.1);
        Assert.Contains("'gate'", Assert.Throws<InvalidOperationException>(() => busy.Restore(state)).Message);
    }
}
