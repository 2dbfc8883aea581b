using MultimodalFusion.Cli.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace MultimodalFusion.Cli.Tests;

public sealed class RedactingFormatterTests
{
    [Fact]
    public void Removes_credentials_from_message_properties_and_exceptions()
    {
        var template = new MessageTemplateParser().Parse("Opening {Url} after {Attempt} attempts");
        var evt = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning,
            new InvalidOperationException("connect to rtsp://cam:s3cret@10.1.2.3/live failed"), template,
            [new LogEventProperty("Url", new ScalarValue("rtsp://cam:s3cret@10.1.2.3/live")), new LogEventProperty("Attempt", new ScalarValue(3))]);
        var output = new StringWriter();

        new RedactingFormatter("{Message:lj} {Exception}").Format(evt, output);

        string line = output.ToString();
        Assert.DoesNotContain("s3cret", line);
        Assert.Contains("Opening rtsp://***@10.1.2.3/live after 3 attempts", line);
        Assert.Contains("connect to rtsp://***@10.1.2.3/live failed", line);
    }
}
