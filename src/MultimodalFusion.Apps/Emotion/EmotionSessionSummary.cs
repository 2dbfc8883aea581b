using System.Globalization;
using MultimodalFusion.Pipeline.Alignment;

namespace MultimodalFusion.Apps.Emotion;

/// <summary>Accumulates a session's emotion readings: time per expression, valence/arousal statistics, missing modalities.</summary>
/// <remarks>
/// Each window is credited with its hop: the time from the previous window's end to its own end, at most its own
/// length (the first window gets its full length). Overlapping windows are therefore not counted twice and a gap
/// between windows is credited to nobody, so <see cref="CoveredTime"/> equals <see cref="SessionLength"/> for a
/// session without gaps. Readings must be added in window order. Not thread-safe.
/// </remarks>
public sealed class EmotionSessionSummary
{
    private readonly long[] _microsPerExpression = new long[EmotionLabels.Count];
    private readonly List<EmotionReading> _readings = [];
    private long _lastEnd;
    private int _missingVideo, _missingAudio, _missingText;
    private double _sumValence, _sumArousal;

    /// <summary>Number of windows added.</summary>
    public int WindowCount => _readings.Count;

    /// <summary>The readings added, in order; the summary keeps them for the trajectory plot.</summary>
    public IReadOnlyList<EmotionReading> Readings => _readings;

    /// <summary>From the first window's start to the last window's end; zero when empty.</summary>
    public TimeSpan SessionLength =>
        _readings.Count == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(_lastEnd - _readings[0].StartMicros);

    /// <summary>Time credited to some expression (the session length minus gaps between windows).</summary>
    public TimeSpan CoveredTime => TimeSpan.FromMicroseconds(_microsPerExpression.Sum());

    /// <summary>Mean of the raw valence over windows (not time-weighted); 0 when empty.</summary>
    public double MeanValence => _readings.Count == 0 ? 0 : _sumValence / _readings.Count;

    /// <summary>Mean of the raw arousal over windows; 0 when empty.</summary>
    public double MeanArousal => _readings.Count == 0 ? 0 : _sumArousal / _readings.Count;

    /// <summary>Smallest raw valence; 0 when empty.</summary>
    public float MinValence { get; private set; }

    /// <summary>Largest raw valence; 0 when empty.</summary>
    public float MaxValence { get; private set; }

    /// <summary>Smallest raw arousal; 0 when empty.</summary>
    public float MinArousal { get; private set; }

    /// <summary>Largest raw arousal; 0 when empty.</summary>
    public float MaxArousal { get; private set; }

    /// <summary>Adds the next window's reading.</summary>
    /// <exception cref="ArgumentException">The window ends before the previous one did.</exception>
    public void Add(EmotionReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        bool first = _readings.Count == 0;
        if (!first && reading.EndMicros < _lastEnd)
            throw new ArgumentException($"window {reading} ends before the previous window's end {_lastEnd} us; add readings in order", nameof(reading));
        long credit = first
            ? reading.EndMicros - reading.StartMicros
            : Math.Min(reading.EndMicros - _lastEnd, reading.EndMicros - reading.StartMicros);
        _microsPerExpression[reading.TopIndex] += Math.Max(0, credit);
        _lastEnd = reading.EndMicros;

        _sumValence += reading.Valence;
        _sumArousal += reading.Arousal;
        MinValence = first ? reading.Valence : Math.Min(MinValence, reading.Valence);
        MaxValence = first ? reading.Valence : Math.Max(MaxValence, reading.Valence);
        MinArousal = first ? reading.Arousal : Math.Min(MinArousal, reading.Arousal);
        MaxArousal = first ? reading.Arousal : Math.Max(MaxArousal, reading.Arousal);
        if (!reading.Present.HasFlag(ModalityMask.Video)) _missingVideo++;
        if (!reading.Present.HasFlag(ModalityMask.Audio)) _missingAudio++;
        if (!reading.Present.HasFlag(ModalityMask.Text)) _missingText++;
        _readings.Add(reading);
    }

    /// <summary>Time credited to the expression with index <paramref name="expression"/> in <see cref="EmotionLabels.Expressions"/>.</summary>
    public TimeSpan TimeIn(int expression) => TimeSpan.FromMicroseconds(_microsPerExpression[expression]);

    /// <summary>Time credited to the named expression.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="EmotionLabels.Expressions"/>.</exception>
    public TimeSpan TimeIn(string expression)
    {
        int index = EmotionLabels.Expressions.ToList().IndexOf(expression);
        if (index < 0)
            throw new ArgumentException($"unknown expression '{expression}'; known: {string.Join(", ", EmotionLabels.Expressions)}", nameof(expression));
        return TimeIn(index);
    }

    /// <summary>Number of windows to which <paramref name="modality"/> contributed no data.</summary>
    public int MissingCount(ModalityMask modality) => modality switch
    {
        ModalityMask.Video => _missingVideo,
        ModalityMask.Audio => _missingAudio,
        ModalityMask.Text => _missingText,
        _ => throw new ArgumentOutOfRangeException(nameof(modality), modality, "pass a single modality"),
    };

    /// <summary>Writes a human-readable summary (invariant culture).</summary>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Format(c, "Emotion session: {0} windows, {1:hh\\:mm\\:ss\\.f} covered of {2:hh\\:mm\\:ss\\.f}",
            WindowCount, CoveredTime, SessionLength));
        writer.WriteLine(string.Format(c, "Valence  mean {0,6:+0.00;-0.00}  min {1,6:+0.00;-0.00}  max {2,6:+0.00;-0.00}", MeanValence, MinValence, MaxValence));
        writer.WriteLine(string.Format(c, "Arousal  mean {0,6:+0.00;-0.00}  min {1,6:+0.00;-0.00}  max {2,6:+0.00;-0.00}", MeanArousal, MinArousal, MaxArousal));
        writer.WriteLine("Time per expression:");
        double covered = Math.Max(1, _microsPerExpression.Sum());
        for (int i = 0; i < EmotionLabels.Count; i++)
            writer.WriteLine(string.Format(c, "  {0,-10} {1:hh\\:mm\\:ss\\.f} {2,6:0.0}%", EmotionLabels.Expressions[i],
                TimeIn(i), 100.0 * _microsPerExpression[i] / covered));
        writer.WriteLine(string.Format(c, "Windows missing video: {0}, audio: {1}, text: {2}", _missingVideo, _missingAudio, _missingText));
    }

    /// <summary>Saves the valence/arousal trajectory (VA plane coloured by time, plus both over time) as a PNG.</summary>
    /// <param name="path">Output file; its folder is created if needed.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="InvalidOperationException">No readings were added.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names it).</exception>
    public void SaveTrajectoryPng(string path, int width = 800, int height = 1000)
    {
        if (_readings.Count == 0)
            throw new InvalidOperationException($"cannot plot an emotion trajectory to '{path}': the session has no readings");
        EmotionTrajectoryPlot.Save(_readings, path, width, height);
    }
}
