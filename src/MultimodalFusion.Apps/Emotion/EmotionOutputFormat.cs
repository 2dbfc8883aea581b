namespace MultimodalFusion.Apps.Emotion;

/// <summary>File format of <see cref="EmotionOutputWriter"/>.</summary>
public enum EmotionOutputFormat
{
    /// <summary>One JSON object per line (<c>.jsonl</c>).</summary>
    Jsonl,
    /// <summary>Comma-separated values with the fixed <see cref="EmotionOutputWriter.CsvHeader"/> (<c>.csv</c>).</summary>
    Csv,
}
