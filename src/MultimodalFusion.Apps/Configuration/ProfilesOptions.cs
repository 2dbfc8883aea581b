namespace MultimodalFusion.Apps.Configuration;

/// <summary>The profiles' shared settings (config section <c>Profiles</c>).</summary>
public sealed record ProfilesOptions
{
    /// <summary>The violence-alerting profile (<c>Profiles:Violence</c>).</summary>
    public ViolenceProfileOptions Violence { get; init; } = new();
}
