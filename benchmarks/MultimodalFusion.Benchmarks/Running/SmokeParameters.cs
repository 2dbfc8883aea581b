using System.Collections;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace MultimodalFusion.Benchmarks.Running;

/// <summary>One combination of a suite's [Params] / [ParamsSource] / [ParamsAllValues] members, for smoke mode.</summary>
public sealed class SmokeParameters
{
    private readonly IReadOnlyList<(MemberInfo Member, object? Value)> _values;

    private SmokeParameters(IReadOnlyList<(MemberInfo, object?)> values) => _values = values;

    /// <summary>Every combination of the parameter values of <paramref name="type"/> (one empty combination when it has none).</summary>
    public static IEnumerable<SmokeParameters> Combinations(Type type)
    {
        IEnumerable<IReadOnlyList<(MemberInfo, object?)>> combos = [[]];
        foreach (MemberInfo member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
                     .Where(m => m is FieldInfo or PropertyInfo))
        {
            object?[]? values = ValuesOf(type, member);
            if (values is null)
                continue;
            combos = combos.SelectMany(c => values.Select(v => (IReadOnlyList<(MemberInfo, object?)>)[.. c, (member, v)])).ToList();
        }
        return combos.Select(c => new SmokeParameters(c));
    }

    /// <summary>Sets the values on a fresh instance (before its [GlobalSetup]).</summary>
    public void Apply(object instance)
    {
        foreach (var (member, value) in _values)
        {
            if (member is FieldInfo field)
                field.SetValue(instance, value);
            else
                ((PropertyInfo)member).SetValue(instance, value);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        _values.Count == 0 ? "" : "(" + string.Join(", ", _values.Select(v => $"{v.Member.Name}={v.Value}")) + ")";

    private static object?[]? ValuesOf(Type type, MemberInfo member)
    {
        if (member.GetCustomAttribute<ParamsAttribute>() is { } p)
            return p.Values;
        if (member.GetCustomAttribute<ParamsSourceAttribute>() is { } source)
        {
            MemberInfo provider = type.GetMember(source.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Single();
            object? target = provider switch
            {
                MethodInfo { IsStatic: true } m => m.Invoke(null, null),
                PropertyInfo pi when pi.GetMethod!.IsStatic => pi.GetValue(null),
                _ => throw new NotSupportedException($"{type.Name}.{source.Name}: smoke mode needs a static [ParamsSource] provider"),
            };
            return ((IEnumerable)target!).Cast<object?>().ToArray();
        }
        if (member.GetCustomAttribute<ParamsAllValuesAttribute>() is not null)
        {
            Type valueType = member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType;
            return valueType == typeof(bool) ? [false, true] : Enum.GetValues(valueType).Cast<object?>().ToArray();
        }
        return null;
    }
}
