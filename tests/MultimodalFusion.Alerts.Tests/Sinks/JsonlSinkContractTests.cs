using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Tests.Support;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>The JSONL sink against a real file, read back line by line.</summary>
public sealed class JsonlSinkContractTests : AlertSinkContract
{
    private string Path_ => Path.Combine(Dir, "out", "alerts.jsonl");

    protected override Task<IAlertSink> CreateSinkAsync() => Task.FromResult<IAlertSink>(new JsonlSink(Path_));

    protected override IReadOnlyList<string> Received()
    {
        if (!File.Exists(Path_))
            return [];
        using var stream = new FileStream(Path_, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Only complete lines count: a reader racing the writer may see half a line.
        var text = reader.ReadToEnd();
        return text.Split('\n')[..^1];
    }
}
