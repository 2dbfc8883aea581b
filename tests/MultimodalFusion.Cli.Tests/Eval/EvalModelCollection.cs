namespace MultimodalFusion.Cli.Tests.Eval;

/// <summary>The test classes that share one <see cref="EvalModelFixture"/> (its synthetic datasets and cache are made once).</summary>
[CollectionDefinition(Name)]
public sealed class EvalModelCollection : ICollectionFixture<EvalModelFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "eval-model";
}
