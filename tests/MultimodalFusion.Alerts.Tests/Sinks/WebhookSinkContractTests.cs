using System.Text;
using MultimodalFusion.Alerts.Delivery;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Sinks;
using MultimodalFusion.Alerts.Tests.Support;

namespace MultimodalFusion.Alerts.Tests.Sinks;

/// <summary>The webhook sink against a real HTTP listener on 127.0.0.1 that checks the HMAC signature.</summary>
public sealed class WebhookSinkContractTests : AlertSinkContract
{
    private WebhookReceiver? _receiver;

    protected override Task<IAlertSink> CreateSinkAsync()
    {
        _receiver = new WebhookReceiver("contract-secret");
        return Task.FromResult<IAlertSink>(new WebhookSink(new WebhookSinkOptions { Url = _receiver.Url, Secret = "contract-secret" }));
    }

    protected override IReadOnlyList<string> Received() =>
        _receiver!.Requests.Where(r => r.Status == 200).OrderBy(r => r.Number).Select(r => r.Body).ToList();

    protected override async Task StopReceiverAsync() => await _receiver!.DisposeAsync();
}
