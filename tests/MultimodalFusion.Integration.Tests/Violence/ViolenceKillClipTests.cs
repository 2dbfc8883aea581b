using System.Text.Json;
using System.Text.RegularExpressions;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.TestSupport;
using Xunit.Abstractions;

namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>
/// The clips of the SIGKILL scenario (<see cref="ViolenceKillTests"/>): while the killed process's clip is unfinished
/// no clip file is presented under the event's clip path; after the restart the event's clip holds the frames the
/// killed run got to disk joined with the part the restarted run recorded, and every clip path the store and the sinks
/// report names a file that decodes.
/// </summary>
public sealed partial class ViolenceKillClipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Killed_during_an_event_and_restarted_every_reported_clip_plays_and_the_resumed_part_is_in_it()
    {
        await using var rig = await ViolenceRtspRig.StartAsync(cooldown: TimeSpan.FromSeconds(60));
        var first = rig.StartMmf("scores-1.csv");
        await first.WaitForOutputAsync(" cam1 violence start ", s_timeout);
        var open = Assert.Single(rig.StoredEvents());
        string clips = Path.Combine(rig.OutDir, "clips", "cam1");
        string partial = Path.Combine(clips, open.Id + ".partial.mp4"), final = Path.Combine(clips, open.Id + ".mp4");
        // Give the writer up to 2 s (inside the 4 s segment) to put its first fragments on disk, then SIGKILL the tree.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < deadline && (!File.Exists(partial) || new FileInfo(partial).Length < 8_000))
            await Task.Delay(50);
        await rig.KillAsync(first);
        Assert.Equal(AlertState.Start, Assert.Single(rig.StoredEvents()).State);
        Assert.True(File.Exists(partial), $"the killed run's clip {partial} was not being written\n{Listing(clips)}");
        Assert.False(File.Exists(final), $"{final} exists while its clip was unfinished\n{Listing(clips)}");

        var second = rig.StartMmf("scores-2.csv");
        await second.WaitForOutputAsync($" cam1 violence end {open.Id} ", s_timeout);
        await Poll.UntilAsync(() => rig.Webhook.AcceptedKeys.Contains($"cam1/{open.Id}/end") && rig.MqttKeys().Contains($"cam1/{open.Id}/end"),
            "the end at the webhook and over MQTT", s_timeout, () => rig.Describe(second));
        second.Interrupt();
        int exit = await second.WaitAsync(s_timeout);
        Assert.True(exit == 0, $"exit {exit}\n{rig.Describe(second)}");

        // Every clip path that the store, the webhook, MQTT and the JSONL file carry: one path, the event's clip, playable.
        var reported = rig.StoredEvents().Select(e => e.Clip)
            .Concat(rig.Webhook.Deliveries.Select(d => ClipOf(d.Body)))
            .Concat(rig.Mqtt.Messages.Where(m => m.Topic == "mmf/alerts/cam1").Select(m => ClipOf(m.Payload)))
            .Concat(File.ReadAllLines(Path.Combine(rig.OutDir, "events.jsonl")).Select(ClipOf))
            .Distinct().ToList();
        Assert.Equal([$"clips/cam1/{open.Id}.mp4"], reported);
        string log = string.Join("\n", Directory.GetFiles(Path.Combine(rig.Dir, "logs"), "*.log").Select(File.ReadAllText));
        int frames = Ffprobe.DecodableFrames(Path.Combine(rig.OutDir, reported[0]!));
        Assert.True(frames > 0, $"{reported[0]} does not decode\n{Listing(clips)}\n{log}");
        Assert.Equal("", Ffprobe.DecodeErrors(final));
        Assert.True(File.Exists(Path.Combine(clips, open.Id + ".jpg")), Listing(clips));

        // The restarted run recovered the killed run's complete frames (or, with none on disk, moved its file aside) and
        // recorded the event's remaining part; the clip holds exactly both.
        var salvaged = SalvagedFrames().Match(log);
        var resumed = ResumedFrames().Match(log);
        Assert.True(resumed.Success, $"no clip of the resumed event's remaining part was written\n{log}");
        int earlier = salvaged.Success ? int.Parse(salvaged.Groups[1].Value) : 0;
        Assert.True(salvaged.Success || log.Contains(partial + ".unplayable", StringComparison.Ordinal), $"the killed run's partial clip was not recovered\n{log}");
        output.WriteLine($"clip {reported[0]}: {frames} frames = {earlier} from the killed run + {resumed.Groups[1].Value} after the restart");
        Assert.True(int.Parse(resumed.Groups[1].Value) > 0);
        Assert.Equal(earlier + int.Parse(resumed.Groups[1].Value), frames);
        // Nothing unfinished or scratch is left beside the clips.
        Assert.DoesNotContain(Directory.GetFiles(clips), f => f.EndsWith(".partial.mp4", StringComparison.Ordinal) || f.Contains(".tmp.", StringComparison.Ordinal));
    }

    private static string? ClipOf(string json) =>
        JsonDocument.Parse(json).RootElement.TryGetProperty("clip", out var clip) && clip.ValueKind == JsonValueKind.String ? clip.GetString() : null;

    private static string Listing(string folder) =>
        Directory.Exists(folder)
            ? "files: " + string.Join(", ", Directory.GetFiles(folder).Select(f => $"{Path.GetFileName(f)} ({new FileInfo(f).Length} B)"))
            : $"no folder {folder}";

    [GeneratedRegex(@"salvaged (\d+) complete frames")]
    private static partial Regex SalvagedFrames();

    [GeneratedRegex(@"\((\d+) frames recorded after a restart\)")]
    private static partial Regex ResumedFrames();
}
