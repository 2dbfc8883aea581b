namespace MultimodalFusion.Dashboard;

/// <summary>Which panel a camera tile shows besides its latest frame.</summary>
public enum DashboardProfile
{
    /// <summary>Not said yet; the page shows whatever data the camera has.</summary>
    Unknown,

    /// <summary>Valence/arousal curve and expression bars.</summary>
    Emotion,

    /// <summary>Alert list.</summary>
    Violence,
}
