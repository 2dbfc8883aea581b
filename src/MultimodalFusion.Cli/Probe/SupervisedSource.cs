using MultimodalFusion.Capture;
using MultimodalFusion.Core.Packets;
using MultimodalFusion.Pipeline.Supervision;

namespace MultimodalFusion.Cli.Probe;

/// <summary>What the probe knows about one source, whatever its packet type: its spec and how its supervisor ended.</summary>
internal sealed class SupervisedSource
{
    private readonly Func<SourceState> _state;
    private readonly Func<Exception?> _error;
    private readonly Func<int> _restarts;

    private SupervisedSource(string id, SourceSpec spec, Task<SourceState> completion, Func<SourceState> state, Func<Exception?> error, Func<int> restarts)
    {
        Id = id;
        Spec = spec;
        Completion = completion;
        _state = state;
        _error = error;
        _restarts = restarts;
    }

    public string Id { get; }

    public SourceSpec Spec { get; }

    /// <summary>Completes with the supervisor's final state.</summary>
    public Task<SourceState> Completion { get; }

    /// <summary>True when the source failed for good (could not open, non-transient error, restarts used up).</summary>
    public bool Failed => _state() == SourceState.Failed;

    public static SupervisedSource From<T>(string id, SourceSpec spec, SourceSupervisor<T> supervisor) where T : ITimedPacket =>
        new(id, spec, supervisor.Completion, () => supervisor.State, () => supervisor.Error, () => supervisor.Restarts);

    public static SupervisedSource FailedToOpen(string id, SourceSpec spec, Exception error) =>
        new(id, spec, Task.FromResult(SourceState.Failed), () => SourceState.Failed, () => error, () => 0);

    /// <summary>One line: id, what it reads, final state, restarts, and the error when it failed.</summary>
    public string Describe()
    {
        string line = $"{Id} ({Spec.Display}): {_state()}";
        if (_restarts() > 0)
            line += $", {_restarts()} restarts";
        if (_error() is { } e && _state() == SourceState.Failed)
            line += $" - {e.Message}";
        return line;
    }
}
