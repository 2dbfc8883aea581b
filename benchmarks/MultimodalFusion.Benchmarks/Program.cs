using BenchmarkDotNet.Running;

namespace MultimodalFusion.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/MultimodalFusion.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen by <paramref name="args"/>; exits 1 when any benchmark failed.</summary>
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}
