namespace MultimodalFusion.Synthesis.Tests.Support;

/// <summary>Tests sharing <see cref="SynthDataFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SynthDataCollection : ICollectionFixture<SynthDataFixture>
{
    public const string Name = "synth data";
}
