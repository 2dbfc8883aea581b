using System.Collections;
using MultimodalFusion.Apps.Configuration;
using MultimodalFusion.Cli.Violence;
using MultimodalFusion.TestSupport;

namespace MultimodalFusion.Cli.Tests.Violence;

public sealed class ViolenceConfigurationTests : IDisposable
{
    private readonly string _dir = RepoPaths.NewTempDir("mmf-cli-violence-config");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Environment_overrides_the_file_and_command_line_cameras_replace_the_configured_ones()
    {
        string clip = ViolenceTestMedia.WriteScriptedClip(Path.Combine(_dir, "scripted.avi"));
        string json = Path.Combine(_dir, "appsettings.json");
        File.WriteAllText(json, """
            { "Profiles": { "Violence": { "Threshold": 0.7, "FramesToStart": 4 } },
              "Cameras": [ { "Id": "gate", "Url": "rtsp://user:pw@gate/stream1", "Fps": 5 }, { "Id": "hall", "Url": "camera:0" } ] }
            """);
        IDictionary env = new Hashtable
        {
            ["MMF_Profiles__Violence__Threshold"] = "0.95",
            ["mmf_Sinks__Jsonl__Path"] = "alerts.jsonl",
            ["OTHER_Profiles__Violence__FramesToStart"] = "99",
        };

        var fromFile = ViolenceAppOptions.Load(ViolenceConfiguration.Build(json, [], env));
        Assert.Equal(0.95, fromFile.Profiles.Violence.Threshold);
        Assert.Equal(4, fromFile.Profiles.Violence.FramesToStart);
        Assert.Equal("alerts.jsonl", fromFile.Sinks.Jsonl?.Path);
        Assert.Equal(["gate", "hall"], fromFile.Cameras.Select(c => c.Id));
        Assert.Equal(5, fromFile.Cameras[0].Fps);

        var fromCommandLine = ViolenceAppOptions.Load(ViolenceConfiguration.Build(json, ["rtsp://127.0.0.1:8554/a", clip], env));
        Assert.Equal(["cam1", "cam2"], fromCommandLine.Cameras.Select(c => c.Id));
        Assert.Equal(["rtsp://127.0.0.1:8554/a", clip], fromCommandLine.Cameras.Select(c => c.Url));
        Assert.All(fromCommandLine.Cameras, c => Assert.Equal(10, c.Fps)); // nothing of "gate" leaks into cam1
        Assert.Equal(0.95, fromCommandLine.Profiles.Violence.Threshold);
    }

    [Fact]
    public void A_file_that_is_not_json_is_reported_by_name()
    {
        string json = Path.Combine(_dir, "broken-settings.json");
        File.WriteAllText(json, "{ \"Profiles\": ");
        var ex = Assert.Throws<InvalidDataException>(() => ViolenceConfiguration.Build(json, [], new Hashtable()));
        Assert.Contains("broken-settings.json", ex.Message);
    }
}
