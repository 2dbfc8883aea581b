namespace MultimodalFusion.Dashboard;

/// <summary>Where an alert is in its lifecycle; a later state replaces the earlier one for the same id.</summary>
public enum DashboardAlertState
{
    /// <summary>The alert opened.</summary>
    Start,

    /// <summary>The alert is still open; its peak or end estimate changed.</summary>
    Update,

    /// <summary>The alert closed; its end time is set.</summary>
    End,
}
