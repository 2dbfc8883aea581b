namespace MultimodalFusion.Alerts.Events;

/// <summary>Where an alert event is in its lifecycle; serialised as "start", "update", "end".</summary>
public enum AlertState
{
    /// <summary>The rule's score stayed at or above the threshold for FramesToStart frames.</summary>
    Start = 0,
    /// <summary>A new peak score on an open event (rate-limited).</summary>
    Update = 1,
    /// <summary>The score stayed below the threshold for the cutoff; the event is closed.</summary>
    End = 2,
}
