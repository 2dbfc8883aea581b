using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Apps.Tests.Configuration;

public sealed class ViolenceAppOptionsTests
{
    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    private static string Valid(string cameras, int framesToStart = 8, string sinks = "") => $$"""
        {
          "Profiles": { "Violence": { "Window": "00:00:02", "Hop": "00:00:00.5", "Threshold": 0.8, 
                                      "Cutoff": "00:00:05", "Cooldown": "00:00:30", "ClipBefore": "00:00:05", "ClipAfter": "00:00:05", "FramesToStart": {{framesToStart}}  } },
          "Cameras": [ {{cameras}} ],
          "Sinks": { "Store": { "Path": "data/events.db" },
                     "Webhook": { "Url": "https://alerts.example/hook", "Secret": "s3cret" },
                     "Mqtt": { "Host": "127.0.0.1", "Port": 1883, "Topic": "mmf/alerts/{camera}" } {{sinks}} }
        }
        """;

    [Fact]
    public void Design_example_binds_and_camera_values_override_the_profile()
    {
        var options = ViolenceAppOptions.Load(Json(Valid(
            """{ "Id": "gate", "Url": "rtsp://user:secret@gate-camera/stream1", "Fps": 10, "Profile": "Violence", "Threshold": 0.85 },""" +
            $$"""{ "Id": "hall", "Url": "{{RepoPaths.Media("vtest.avi")}}", "Fps": 5, "ClipAfter": "00:00:02" }""")));

        Assert.Equal(2, options.Cameras.Count);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.Profiles.Violence.Hop);
        var gate = options.ProfileFor(options.Cameras[0]);
        Assert.Equal(0.85, gate.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(5), gate.ClipAfter);
        var hall = options.ProfileFor(options.Cameras[1]);
        Assert.Equal(0.8, hall.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(2), hall.ClipAfter);
        Assert.Equal(5, options.Cameras[1].Fps);
        Assert.Equal("https://alerts.example/hook", options.Sinks.Webhook!.Url);
        Assert.Equal("s3cret", options.Sinks.Webhook.Secret);
        Assert.Equal(1883, options.Sinks.Mqtt!.Port);
        Assert.Null(options.Sinks.Jsonl);

        var rule = gate.ToAlertRuleOptions();
        Assert.Equal(0.85, rule.Threshold);
        Assert.Equal(8, rule.FramesToStart);
        Assert.Equal(TimeSpan.FromSeconds(30), rule.Cooldown);
        var clips = hall.ToClipOptions(options.Cameras[1].Fps);
        Assert.Equal(TimeSpan.FromSeconds(2), clips.ClipAfter);
        Assert.Equal(5, clips.Fps);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key_and_no_credential()
    {
        var ex = Assert.Throws<AppConfigurationException>(() => ViolenceAppOptions.Load(Json(Valid(
            """{ "Id": "gate", "Url": "rtsp://user:secret@gate-camera/stream1" },""" +
            """{ "Id": "gate", "Url": "ftp://admin:hunter2@cam2/x", "Threshold": 1.5 },""" +
            """{ "Id": "a/b", "Url": "/nonexistent/clip.mp4", "Fps": 0 }""",
            framesToStart: 0,
            sinks: """, "Jsonl": { "Path": "" } """))));

        string all = string.Join("\n", ex.Errors);
        Assert.Contains(ex.Errors, e => e.StartsWith("Profiles:Violence.FramesToStart:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[1].Id: 'gate' is used", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[1].Url:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[1].Threshold:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[2].Id:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[2].Url: video file '/nonexistent/clip.mp4'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Cameras[2].Fps:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Sinks:Jsonl.Path:", StringComparison.Ordinal));
        // The profile's own error is reported once, not again under every camera.
        Assert.Single(ex.Errors, e => e.Contains("FramesToStart", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Errors, e => e.StartsWith("Cameras[0]", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.DoesNotContain("hunter2", all);
        Assert.Contains("ftp://***@cam2/x", all);
    }

    [Fact]
    public void A_bad_duration_names_its_key_and_no_cameras_is_an_error()
    {
        var bad = Assert.Throws<AppConfigurationException>(() => ViolenceAppOptions.Load(Json(
            """{ "Profiles": { "Violence": { "Hop": "half a second" } }, "Cameras": [ { "Id": "x", "Url": "rtsp://u:pw@h/s" } ] }""")));
        Assert.Contains("Hop", bad.Message);

        var none = Assert.Throws<AppConfigurationException>(() => ViolenceAppOptions.Load(Json("""{ "Sinks": { "Store": { "Path": "e.db" } } }""")));
        Assert.Equal("Cameras: at least one camera is needed.", Assert.Single(none.Errors));
    }
}
