namespace MultimodalFusion.Benchmarks.E2e;

/// <summary>One decision of the <see cref="RawOrtLoop"/>: extraction and fusion-run times in microseconds, and how many slot frames were extracted.</summary>
public readonly record struct RawDecision(long Extract, long Run, int Extracted);
