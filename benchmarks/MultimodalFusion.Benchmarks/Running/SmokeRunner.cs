using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace MultimodalFusion.Benchmarks.Running;

/// <summary>
/// CI smoke mode: every [Benchmark] method of every suite is invoked once (per [Params] combination) after the class's
/// [GlobalSetup], so a broken benchmark fails the build in about a minute instead of surfacing in a long run.
/// </summary>
/// <remarks>
/// Also checks the suite conventions: exactly one <c>Baseline = true</c> method and a <see cref="MemoryDiagnoserAttribute"/>
/// per class. Returns 1 when anything failed (the failures are listed), 0 otherwise. Measures nothing: the printed
/// times are of single cold calls.
/// </remarks>
public static class SmokeRunner
{
    /// <summary>Runs the suites of <paramref name="assembly"/> whose "Namespace.Type.Method" matches <paramref name="filter"/> (a glob; null for all).</summary>
    public static int Run(Assembly assembly, string? filter, TextWriter output)
    {
        Regex? pattern = filter is null ? null : Glob(filter);
        var failures = new List<string>();
        int invoked = 0;
        var total = Stopwatch.StartNew();
        foreach (Type type in BenchmarkTypes(assembly))
        {
            MethodInfo[] methods = BenchmarkMethods(type)
                .Where(m => pattern is null || pattern.IsMatch($"{type.FullName}.{m.Name}")).ToArray();
            if (methods.Length == 0)
                continue;
            CheckConventions(type, failures);
            foreach (var parameters in SmokeParameters.Combinations(type))
                invoked += RunClass(type, methods, parameters, failures, output);
        }
        output.WriteLine($"smoke: {invoked} benchmark invocations in {total.Elapsed.TotalSeconds:F1} s, {failures.Count} failure(s)");
        foreach (string failure in failures)
            output.WriteLine($"  FAILED {failure}");
        if (invoked == 0)
        {
            output.WriteLine($"smoke: no benchmark matches '{filter}'");
            return 1;
        }
        return failures.Count == 0 ? 0 : 1;
    }

    /// <summary>Public classes with at least one [Benchmark] method, by name.</summary>
    public static IEnumerable<Type> BenchmarkTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsClass && t.IsPublic && !t.IsAbstract && BenchmarkMethods(t).Any()).OrderBy(t => t.FullName);

    private static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    private static void CheckConventions(Type type, List<string> failures)
    {
        int baselines = BenchmarkMethods(type).Count(m => m.GetCustomAttribute<BenchmarkAttribute>()!.Baseline);
        if (baselines != 1)
            failures.Add($"{type.Name}: {baselines} baseline methods; each suite needs exactly one [Benchmark(Baseline = true)]");
        if (type.GetCustomAttribute<MemoryDiagnoserAttribute>() is null)
            failures.Add($"{type.Name}: no [MemoryDiagnoser]");
    }

    private static int RunClass(Type type, MethodInfo[] methods, SmokeParameters parameters, List<string> failures, TextWriter output)
    {
        string name = type.Name + parameters;
        object instance;
        try
        {
            instance = Activator.CreateInstance(type)!;
            parameters.Apply(instance);
            InvokeAll<GlobalSetupAttribute>(instance);
        }
        catch (Exception ex)
        {
            // No cleanup: a half-set-up instance's [GlobalCleanup] would mostly fail on what setup never created.
            failures.Add($"{name} [GlobalSetup]: {Describe(ex)}");
            output.WriteLine($"  FAIL {name} [GlobalSetup]: {Describe(ex)}");
            return 0;
        }
        int invoked = 0;
        foreach (MethodInfo method in methods)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                if (method.GetParameters().Length > 0)
                    throw new NotSupportedException("benchmarks with [Arguments] are not supported by smoke mode");
                InvokeAll<IterationSetupAttribute>(instance);
                object? result = method.Invoke(instance, null);
                if (result is Task task)
                    task.GetAwaiter().GetResult();
                else if (result is ValueTask valueTask)
                    valueTask.AsTask().GetAwaiter().GetResult();
                InvokeAll<IterationCleanupAttribute>(instance);
                invoked++;
                output.WriteLine($"  ok   {name}.{method.Name} ({watch.Elapsed.TotalMilliseconds:F1} ms, cold)");
            }
            catch (Exception ex)
            {
                failures.Add($"{name}.{method.Name}: {Describe(ex)}");
                output.WriteLine($"  FAIL {name}.{method.Name}: {Describe(ex)}");
            }
        }
        TryCleanup(instance, name, failures);
        return invoked;
    }

    private static void TryCleanup(object instance, string name, List<string> failures)
    {
        try
        {
            InvokeAll<GlobalCleanupAttribute>(instance);
        }
        catch (Exception ex)
        {
            failures.Add($"{name} [GlobalCleanup]: {Describe(ex)}");
        }
    }

    private static void InvokeAll<TAttribute>(object instance) where TAttribute : Attribute
    {
        foreach (MethodInfo method in instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
                     .Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            object? result = method.Invoke(instance, null);
            if (result is Task task)
                task.GetAwaiter().GetResult();
        }
    }

    private static string Describe(Exception ex)
    {
        while (ex is TargetInvocationException { InnerException: { } inner })
            ex = inner;
        return $"{ex.GetType().Name}: {ex.Message}";
    }

    /// <summary>BenchmarkDotNet-style glob ('*' any run, '?' one character), case-insensitive, whole name.</summary>
    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
