namespace MultimodalFusion.Alerts.Events;

/// <summary>One lifecycle transition of an alert, as stored in the event store and as sent to every sink.</summary>
/// <remarks>
/// Serialised by <see cref="AlertEventJson"/> in camelCase with UTC millisecond timestamps, e.g.
/// <c>{"id":"evt_01...","camera":"gate","kind":"violence","state":"start","start":"2026-11-24T20:41:07.250Z",
/// "end":null,"peakScore":0.93,"contributions":{"video":0.55},"clip":"clips/gate/evt_01.mp4",
/// "snapshot":"clips/gate/evt_01.jpg","idempotencyKey":"gate/evt_01/start"}</c>.
/// All transitions of one event share <see cref="Id"/>; <see cref="IdempotencyKey"/> differs per transition so a
/// receiver can drop redeliveries. Immutable.
/// </remarks>
/// <param name="Id">"evt_" + a 26-character sortable id (ULID layout: 48-bit UTC milliseconds + 80 random bits).</param>
/// <param name="Camera">The camera (source) id the rule observed.</param>
/// <param name="Kind">What the rule detects, e.g. "violence".</param>
/// <param name="State">Which transition this is.</param>
/// <param name="Start">UTC time of the first frame of the run that started the event.</param>
/// <param name="End">UTC time of the last frame at or above the threshold; null until <see cref="AlertState.End"/>.</param>
/// <param name="PeakScore">The highest score seen so far in the event.</param>
/// <param name="Contributions">Share of each modality ("video", "audio", "text") in the peak frame's score.</param>
/// <param name="Clip">Relative path of the event's clip, or null when no clip is recorded.</param>
/// <param name="Snapshot">Relative path of the event's snapshot image, or null.</param>
/// <param name="IdempotencyKey">"camera/id/state", with "/seq" (1, 2, ...) for updates.</param>
public sealed record AlertEvent(
    string Id,
    string Camera,
    string Kind,
    AlertState State,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double PeakScore,
    IReadOnlyDictionary<string, double> Contributions,
    string? Clip,
    string? Snapshot,
    string IdempotencyKey)
{
    /// <summary>The idempotency key of transition <paramref name="state"/> (update number <paramref name="seq"/>) of an event.</summary>
    public static string KeyFor(string camera, string id, AlertState state, int seq = 0) => state switch
    {
        AlertState.Start => $"{camera}/{id}/start",
        AlertState.Update => $"{camera}/{id}/update/{seq}",
        AlertState.End => $"{camera}/{id}/end",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown alert state."),
    };
}
