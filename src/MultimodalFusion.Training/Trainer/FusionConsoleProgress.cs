using Spectre.Console;

namespace MultimodalFusion.Training.Trainer;

/// <summary>
/// A Spectre.Console progress bar over the epochs of a run, shown only on an interactive console; with output
/// redirected, or with <c>CI=true</c>, nothing is drawn and the trainer's one log line per epoch is the record.
/// </summary>
/// <remarks>
/// Spectre's progress display owns the console while it runs: log lines written to the same console during it
/// would tear the bar, so the CLI sends its console log to stderr.
/// </remarks>
public static class FusionConsoleProgress
{
    /// <summary>True when a bar should be drawn: the console is interactive and the CI variable is not "true" or "1".</summary>
    public static bool IsInteractive(IAnsiConsole console, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        string? ci = (environment ?? Environment.GetEnvironmentVariable)("CI");
        bool onCi = ci is not null && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
        return console.Profile.Capabilities.Interactive && !onCi;
    }

    /// <summary>
    /// Runs <paramref name="train"/> with a progress reporter that advances a bar from <paramref name="epochsDone"/>
    /// to <paramref name="epochs"/> (interactive consoles), or with null (plain log lines only).
    /// </summary>
    public static T Run<T>(IAnsiConsole console, int epochs, int epochsDone, Func<IProgress<FusionEpoch>?, T> train,
        Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!IsInteractive(console, environment))
            return train(null);
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("epochs", maxValue: epochs);
                task.Value = epochsDone;
                return train(new Reporter(task, epochs));
            });
    }

    /// <summary>Advances the bar on the training thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Reporter(ProgressTask task, int epochs) : IProgress<FusionEpoch>
    {
        public void Report(FusionEpoch value)
        {
            task.Description = $"epoch {value.Epoch}/{epochs} loss {value.TrainLoss:F3} val {value.ValidationMetric:F3}";
            task.Value = value.Epoch;
        }
    }
}
