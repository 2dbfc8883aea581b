using System.Text;
using Microsoft.Extensions.Configuration;
using MultimodalFusion.Apps.Configuration;

namespace MultimodalFusion.Apps.Tests.Configuration;

public sealed class ReconnectOptionsTests
{
    private const string Camera = """ "Cameras": [ { "Id": "gate", "Url": "rtsp://user:secret@127.0.0.1:8554/cam", "Fps": 10 } ] """;

    [Fact]
    public void The_reconnect_section_binds_into_the_live_cameras_restart_policy_and_defaults_to_unlimited()
    {
        var options = Load($$"""{ {{Camera}}, "Reconnect": { "InitialDelay": "00:00:00.2", "MaxDelay": "00:00:03", "MaxRestarts": 7 } }""");
        var policy = options.Reconnect.ToRestartPolicy();
        Assert.Equal(TimeSpan.FromMilliseconds(200), policy.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.MaxDelay);
        Assert.Equal(7, policy.MaxRestarts);
        Assert.True(policy.UseJitter);

        var defaults = Load($$"""{ {{Camera}} }""").Reconnect.ToRestartPolicy();
        Assert.Equal(TimeSpan.FromMilliseconds(500), defaults.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.MaxDelay);
        Assert.Null(defaults.MaxRestarts);
    }

    [Fact]
    public void Bad_reconnect_values_are_refused_naming_each_key()
    {
        var ex = Assert.Throws<AppConfigurationException>(() =>
            Load($$"""{ {{Camera}}, "Reconnect": { "InitialDelay": "00:00:00", "MaxDelay": "-00:00:01", "MaxRestarts": -1 } }"""));
        Assert.Contains(ex.Errors, e => e.StartsWith("Reconnect:InitialDelay: must be positive", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Reconnect:MaxDelay: must not be shorter", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Reconnect:MaxRestarts: must be at least 0", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Errors, e => e.Contains("secret", StringComparison.Ordinal));
    }

    private static ViolenceAppOptions Load(string json) =>
        ViolenceAppOptions.Load(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build());
}
