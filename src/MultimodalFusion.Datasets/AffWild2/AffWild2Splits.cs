namespace MultimodalFusion.Datasets.AffWild2;

/// <summary>The split folder names of the ABAW challenge layout.</summary>
public static class AffWild2Splits
{
    /// <summary>Training annotations.</summary>
    public const string Train = "Train_Set";

    /// <summary>Validation annotations (the held-out set the challenge reports).</summary>
    public const string Validation = "Validation_Set";

    /// <summary>Test set: released without annotations; predictions are written for it.</summary>
    public const string Test = "Test_Set";
}
