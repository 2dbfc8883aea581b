using System.Diagnostics.Metrics;

namespace MultimodalFusion.Apps.Tests.Telemetry;

/// <summary>Listens to every instrument of one meter and keeps each measurement with its tags (observable ones on <see cref="Collect"/>).</summary>
internal sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = [];
    private readonly Lock _lock = new();

    public MeterCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    /// <summary>Forgets what observable instruments reported before and reads them all again.</summary>
    public void Collect()
    {
        lock (_lock)
            _measurements.RemoveAll(m => true);
        _listener.RecordObservableInstruments();
    }

    /// <summary>The last value of <paramref name="instrument"/> whose tags include all of <paramref name="tags"/>; null when none.</summary>
    public double? Value(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_lock)
            return Matching(instrument, tags).Select(m => (double?)m.Value).LastOrDefault();
    }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tags include all of <paramref name="tags"/>.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_lock)
            return Matching(instrument, tags).Sum(m => m.Value);
    }

    /// <summary>The value of tag <paramref name="key"/> on the first matching measurement (null when it has no such tag).</summary>
    public object? Tag(string instrument, string key, params (string Key, string Value)[] tags)
    {
        lock (_lock)
            return Matching(instrument, tags).First().Tags.FirstOrDefault(t => t.Key == key).Value;
    }

    public void Dispose() => _listener.Dispose();

    private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string instrument, (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value)))).ToList();

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var copy = tags.ToArray();
        lock (_lock)
            _measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copy));
    }
}
