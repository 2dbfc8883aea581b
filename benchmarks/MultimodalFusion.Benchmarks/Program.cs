using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using MultimodalFusion.Benchmarks.E2e;
using MultimodalFusion.Benchmarks.Gpu;
using MultimodalFusion.Benchmarks.Models;
using MultimodalFusion.Benchmarks.Running;

namespace MultimodalFusion.Benchmarks;

/// <summary>
/// Entry point. Modes: BenchmarkDotNet (any BenchmarkSwitcher arguments), <c>quick</c> (the Quick category, short job,
/// under 10 minutes on 2 cores), <c>smoke</c> (every benchmark invoked once, for CI), <c>e2e</c> (the end-to-end latency
/// harness), <c>gpu</c> (the Swin-T face path on CUDA/TensorRT). Exit codes: 0 success, 1 a benchmark failed, 2 bad
/// usage or a Debug build.
/// </summary>
/// <remarks>
/// Benchmarks run in process (BenchmarkDotNet's InProcessEmit toolchain) unless <c>--out-of-process</c> is given: the
/// default toolchain rebuilds the project references into their own bin/obj folders, which collides with parallel
/// builds in a shared checkout and ignores <c>--artifacts-path</c>. <c>--models DIR</c> points the ONNX call-style
/// suite at real models; without it onnx/ is used when it holds models, else graphs are written at setup.
/// </remarks>
public static class Program
{
    /// <summary>Usage text printed by <c>--help</c> and on bad usage.</summary>
    public const string Usage = """
        usage: MultimodalFusion.Benchmarks [quick | smoke | e2e | gpu] [--models DIR] [--out-of-process] [BenchmarkDotNet args]
          (no mode)  BenchmarkSwitcher with the given arguments, e.g. --filter '*LogMel*' --job short
          quick      the "Quick" category with the short job (every suite; under 10 minutes on 2 cores)
          smoke      every [Benchmark] invoked once after its [GlobalSetup]; checks one baseline and a
                     MemoryDiagnoser per class; exit 1 on any failure (CI). Optional: --filter GLOB
          e2e        end-to-end latency harness: pipeline vs raw loop at real time, overload runs, report + PNG (e2e --help)
          gpu        Swin-T face path on CUDA/TensorRT, fp32/fp16, batched streams; GPU build only (gpu --help)
          --models DIR        ONNX models for the call-style suite (default: onnx/ when it holds models)
          --out-of-process    BenchmarkDotNet's default toolchain (rebuilds projects outside --artifacts-path)
        build: dotnet run -c Release --project benchmarks/MultimodalFusion.Benchmarks --artifacts-path /tmp/mmf-bench -- ...
        """;

    /// <summary>Runs the mode chosen by <paramref name="args"/>; see <see cref="Usage"/>.</summary>
    public static int Main(string[] args)
    {
#if DEBUG
        Console.Error.WriteLine("MultimodalFusion.Benchmarks was built in Debug; benchmark figures from a Debug build mean nothing. " +
            "Run it in Release: dotnet run -c Release --project benchmarks/MultimodalFusion.Benchmarks -- " + string.Join(' ', args));
        return 2;
#else
        var rest = new List<string>(args);
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            Console.WriteLine(rest.FirstOrDefault() switch { "e2e" => E2eOptions.Usage, "gpu" => GpuOptions.Usage, _ => Usage });
            return 0;
        }
        if (!TakeOption(rest, "--models", out string? models))
            return BadUsage("--models needs a folder");
        if (models is not null)
        {
            if (!Directory.Exists(models))
                return BadUsage($"--models {models}: folder not found");
            BenchModels.UseDirectory(models);
        }
        bool outOfProcess = rest.Remove("--out-of-process");
        string mode = rest.Count > 0 && !rest[0].StartsWith('-') ? rest[0] : "";
        if (mode.Length > 0)
            rest.RemoveAt(0);
        switch (mode)
        {
            case "smoke":
                if (!TakeOption(rest, "--filter", out string? filter))
                    return BadUsage("--filter needs a pattern");
                if (rest.Count > 0)
                    return BadUsage($"smoke takes only --filter; unexpected: {string.Join(' ', rest)}");
                return SmokeRunner.Run(typeof(Program).Assembly, filter, Console.Out);
            case "e2e":
                E2eOptions e2e;
                try
                {
                    e2e = E2eOptions.Parse(rest);
                }
                catch (ArgumentException ex)
                {
                    return BadUsage(ex.Message.TrimEnd('.'));
                }
                try
                {
                    return new E2eHarness(e2e, Console.Out).RunAsync().GetAwaiter().GetResult();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Console.Error.WriteLine($"MultimodalFusion.Benchmarks e2e failed: {ex.GetType().Name}: {ex.Message}");
                    return 1;
                }
            case "gpu":
                GpuOptions gpu;
                try
                {
                    gpu = GpuOptions.Parse(rest);
                }
                catch (ArgumentException ex)
                {
                    return BadUsage(ex.Message.TrimEnd('.'));
                }
                try
                {
                    return new GpuBench(gpu, Console.Out).Run();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Console.Error.WriteLine($"MultimodalFusion.Benchmarks gpu failed: {ex.GetType().Name}: {ex.Message}");
                    return 1;
                }
            case "quick":
                rest.InsertRange(0, ["--anyCategories", BenchCategories.Quick, "--job", "short"]);
                return RunSwitcher(rest, outOfProcess);
            case "":
                return RunSwitcher(rest, outOfProcess);
            default:
                return BadUsage($"unknown mode '{mode}'");
        }
#endif
    }

    private static int RunSwitcher(List<string> args, bool outOfProcess)
    {
        if (!outOfProcess && !args.Contains("--inProcess") && !args.Contains("-i"))
            args.Add("--inProcess");
        // Median and Min beside the mean: on a shared 2-core machine the minimum is the figure least moved by other load.
        var config = ManualConfig.Create(DefaultConfig.Instance).AddColumn(StatisticColumn.Median, StatisticColumn.Min);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args], config);
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (failed)
            Console.Error.WriteLine("MultimodalFusion.Benchmarks: at least one benchmark failed or did not validate (see above).");
        return failed ? 1 : 0;
    }

    /// <summary>Removes <c>name VALUE</c> from <paramref name="args"/>; false when the name is there without a value.</summary>
    private static bool TakeOption(List<string> args, string name, out string? value)
    {
        value = null;
        int at = args.IndexOf(name);
        if (at < 0)
            return true;
        if (at + 1 >= args.Count || args[at + 1].StartsWith("--"))
            return false;
        value = args[at + 1];
        args.RemoveRange(at, 2);
        return true;
    }

    private static int BadUsage(string message)
    {
        Console.Error.WriteLine($"MultimodalFusion.Benchmarks: {message}.");
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
