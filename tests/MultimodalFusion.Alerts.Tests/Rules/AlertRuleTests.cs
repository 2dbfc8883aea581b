using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;
using MultimodalFusion.Core.Packets;

namespace MultimodalFusion.Alerts.Tests.Rules;

/// <summary>Scripted score sequences at 10 fps (100 ms apart) through the rule; exact transition times.</summary>
public sealed class AlertRuleTests
{
    private const long Frame = 100_000;
    internal static readonly DateTimeOffset Origin = new(2026, 11, 24, 20, 41, 0, TimeSpan.Zero);

    internal static AlertRuleOptions Options(int framesToStart = 3) => new()
    {
        Kind = "violence", Threshold = 0.8, FramesToStart = framesToStart, Cutoff = TimeSpan.FromSeconds(1),
        Cooldown = TimeSpan.FromSeconds(5), UpdateInterval = TimeSpan.FromSeconds(1),
    };

    private static AlertRule NewRule(int framesToStart = 3) => new(Options(framesToStart), new ClockUtcMapping(0, Origin));

    /// <summary>Feeds scores[i] at i * 100 ms (+ offset) and returns (frame index, transition) for every transition.</summary>
    private static List<(int Index, AlertEvent Event)> Run(AlertRule rule, IEnumerable<double> scores, string camera = "gate", int firstIndex = 0)
    {
        var transitions = new List<(int, AlertEvent)>();
        int i = firstIndex;
        foreach (double score in scores)
        {
            if (rule.Observe(camera, i * Frame, score) is { } evt)
                transitions.Add((i, evt));
            i++;
        }
        return transitions;
    }

    [Fact]
    public void Starts_only_after_FramesToStart_consecutive_frames_and_dates_the_start_at_the_run_start()
    {
        var rule = NewRule(framesToStart: 3);
        var t = Run(rule, [0.9, 0.95, 0.5, 0.85, 0.8, 0.9, 0.9]);
        var (index, start) = Assert.Single(t);
        Assert.Equal(5, index);
        Assert.Equal(AlertState.Start, start.State);
        Assert.Equal(Origin.AddMilliseconds(300), start.Start);
        Assert.Null(start.End);
        Assert.Equal(0.9, start.PeakScore);
        Assert.Equal($"gate/{start.Id}/start", start.IdempotencyKey);
        Assert.Equal($"clips/gate/{start.Id}.mp4", start.Clip);
        Assert.Equal($"clips/gate/{start.Id}.jpg", start.Snapshot);
        Assert.True(rule.IsOpen("gate"));
    }

    [Fact]
    public void Ends_at_the_first_frame_Cutoff_after_the_last_frame_above_with_that_frame_as_end_time()
    {
        var rule = NewRule();
        // Above for frames 0..10 (0 s .. 1.0 s), then below: the cutoff of 1 s elapses at frame 20 (2.0 s).
        var scores = Enumerable.Repeat(0.9, 11).Concat(Enumerable.Repeat(0.2, 15));
        var t = Run(rule, scores);
        Assert.Equal([AlertState.Start, AlertState.End], t.Select(x => x.Event.State));
        Assert.Equal(2, t[0].Index);
        Assert.Equal(20, t[1].Index);
        var end = t[1].Event;
        Assert.Equal(t[0].Event.Id, end.Id);
        Assert.Equal(Origin, end.Start);
        Assert.Equal(Origin.AddSeconds(1), end.End);
        Assert.Equal($"gate/{end.Id}/end", end.IdempotencyKey);
        Assert.False(rule.IsOpen("gate"));
    }

    [Fact]
    public void A_dip_shorter_than_Cutoff_keeps_the_event_open()
    {
        var rule = NewRule();
        // 8 frames below between two above stretches: 0.9 s from the last frame above to the next, under the 1 s cutoff.
        var scores = Enumerable.Repeat(0.9, 5).Concat(Enumerable.Repeat(0.1, 8)).Concat(Enumerable.Repeat(0.9, 5)).Concat(Enumerable.Repeat(0.1, 12));
        var t = Run(rule, scores);
        Assert.Equal([AlertState.Start, AlertState.End], t.Select(x => x.Event.State));
        Assert.Equal(Origin.AddMilliseconds(1700), t[1].Event.End);
    }

    [Fact]
    public void Cooldown_suppresses_a_retrigger_and_a_later_run_starts_a_new_event()
    {
        var rule = NewRule();
        // Event: frames 0..10 above, ends at frame 20 (2.0 s); cooldown 5 s from there: until 7.0 s (frame 70).
        var scores = Enumerable.Repeat(0.9, 11).Concat(Enumerable.Repeat(0.2, 10))   // frames 0..20
            .Concat(Enumerable.Repeat(0.95, 49))                                      // frames 21..69: in cooldown
            .Concat(Enumerable.Repeat(0.9, 3));                                       // frames 70..72
        var t = Run(rule, scores);
        Assert.Equal([AlertState.Start, AlertState.End, AlertState.Start], t.Select(x => x.Event.State));
        Assert.Equal(72, t[2].Index);
        Assert.Equal(Origin.AddSeconds(7), t[2].Event.Start);
        Assert.NotEqual(t[0].Event.Id, t[2].Event.Id);
        Assert.True(string.CompareOrdinal(t[0].Event.Id, t[2].Event.Id) < 0, "ids sort by start time");
    }

    [Fact]
    public void Updates_carry_new_peaks_at_most_once_per_UpdateInterval()
    {
        var rule = NewRule();
        // Rising score every frame for 3.5 s: start at frame 2 (0.2 s); updates at 1.2 s, 2.2 s, 3.2 s.
        var scores = Enumerable.Range(0, 36).Select(i => 0.81 + 0.001 * i);
        var t = Run(rule, scores);
        var updates = t.Where(x => x.Event.State == AlertState.Update).ToList();
        Assert.Equal([12, 22, 32], updates.Select(u => u.Index));
        Assert.Equal([1, 2, 3], updates.Select(u => int.Parse(u.Event.IdempotencyKey.Split('/')[^1])));
        Assert.Equal(0.81 + 0.001 * 12, updates[0].Event.PeakScore, 9);
        Assert.Equal(0.81 + 0.001 * 32, updates[2].Event.PeakScore, 9);
        Assert.All(updates, u => Assert.Equal(t[0].Event.Id, u.Event.Id));
    }

    [Fact]
    public void A_flat_score_sends_no_updates()
    {
        var t = Run(NewRule(), Enumerable.Repeat(0.9, 50));
        Assert.Equal([AlertState.Start], t.Select(x => x.Event.State));
    }

    [Fact]
    public void Missing_frames_count_as_below_and_the_frame_that_ends_an_event_does_not_start_one()
    {
        var rule = NewRule(framesToStart: 1);
        var options = Options(1) with { Cooldown = TimeSpan.Zero };
        rule = new AlertRule(options, new ClockUtcMapping(0, Origin));
        Assert.Equal(AlertState.Start, rule.Observe("gate", 0, 0.9)!.State);
        var end = rule.Observe("gate", 1_500_000, 0.9);
        Assert.Equal(AlertState.End, end!.State);
        Assert.Equal(Origin, end.End);
        Assert.Equal(AlertState.Start, rule.Observe("gate", 1_600_000, 0.9)!.State);
    }

    [Fact]
    public void Cameras_are_independent_and_peak_contributions_are_kept_with_lowercase_modality_names()
    {
        var rule = NewRule(framesToStart: 2);
        var video = new Dictionary<Modality, double> { [Modality.Video] = 0.7, [Modality.Audio] = 0.2, [Modality.Text] = 0.1 };
        var audio = new Dictionary<Modality, double> { [Modality.Video] = 0.2, [Modality.Audio] = 0.8 };
        Assert.Null(rule.Observe("gate", 0, 0.85, video));
        Assert.Null(rule.Observe("yard", 0, 0.9, audio));
        var gate = rule.Observe("gate", Frame, 0.95, audio);
        Assert.Null(rule.Observe("yard", Frame, 0.1));
        Assert.NotNull(gate);
        Assert.Equal("gate", gate.Camera);
        Assert.Equal(0.95, gate.PeakScore);
        Assert.Equal(new Dictionary<string, double> { ["video"] = 0.2, ["audio"] = 0.8 }, gate.Contributions);
        Assert.False(rule.IsOpen("yard"));
    }

    [Fact]
    public void A_camera_override_applies_to_that_camera_only()
    {
        var overrides = new Dictionary<string, AlertRuleOptions> { ["gate"] = Options() with { Threshold = 0.95, ClipPathTemplate = null } };
        var rule = new AlertRule(Options(), new ClockUtcMapping(0, Origin), perCamera: overrides);
        var gate = Run(rule, Enumerable.Repeat(0.9, 10), "gate");
        var yard = Run(rule, Enumerable.Repeat(0.9, 10), "yard");
        Assert.Empty(gate);
        Assert.Equal(2, Assert.Single(yard).Index);
        Assert.NotNull(yard[0].Event.Clip);
        var later = Run(rule, Enumerable.Repeat(0.96, 3), "gate", firstIndex: 10);
        Assert.Null(Assert.Single(later).Event.Clip);
        Assert.Equal(0.95, rule.OptionsFor("gate").Threshold);

        var bad = new Dictionary<string, AlertRuleOptions> { ["door"] = Options() with { Threshold = -1 } };
        var ex = Assert.Throws<ArgumentException>(() => new AlertRule(Options(), new ClockUtcMapping(0, Origin), perCamera: bad));
        Assert.Contains("Camera 'door'", ex.Message);
        Assert.Contains("AlertRuleOptions.Threshold", ex.Message);
    }

    [Fact]
    public void Timestamps_that_do_not_advance_are_dropped_and_counted()
    {
        var rule = NewRule(framesToStart: 2);
        Assert.Null(rule.Observe("gate", 5 * Frame, 0.9));
        Assert.Null(rule.Observe("gate", 5 * Frame, 0.9));
        Assert.Null(rule.Observe("gate", 4 * Frame, 0.9));
        Assert.Equal(2, rule.DroppedRegressions);
        Assert.NotNull(rule.Observe("gate", 6 * Frame, 0.9));
    }

    [Theory]
    [InlineData("Threshold")]
    [InlineData("FramesToStart")]
    [InlineData("Cutoff")]
    [InlineData("Cooldown")]
    [InlineData("UpdateInterval")]
    [InlineData("ClipPathTemplate")]
    public void Invalid_options_are_rejected_with_a_message_naming_the_option(string option)
    {
        var bad = option switch
        {
            "Threshold" => Options() with { Threshold = 1.5 },
            "FramesToStart" => Options() with { FramesToStart = 0 },
            "Cutoff" => Options() with { Cutoff = TimeSpan.Zero },
            "Cooldown" => Options() with { Cooldown = TimeSpan.FromSeconds(-1) },
            "UpdateInterval" => Options() with { UpdateInterval = TimeSpan.Zero },
            _ => Options() with { ClipPathTemplate = "clips/{camera}.mp4" },
        };
        var ex = Assert.Throws<ArgumentException>(() => new AlertRule(bad, new ClockUtcMapping(0, Origin)));
        Assert.Contains("AlertRuleOptions." + option, ex.Message);
        Assert.Single(bad.GetErrors());
    }
}
