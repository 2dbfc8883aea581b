using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;

namespace MultimodalFusion.Alerts.Store;

/// <summary>The durable event store: events, their outbox rows (one per sink) and the alert rules' resume state.</summary>
/// <remarks>
/// <para>One SQLite file in WAL mode with synchronous=FULL: a call that returned has reached the disk. Appending an
/// event, its outbox rows and the rule state after it is one transaction, so after a crash either all of it exists
/// or none. Appending a transition whose idempotency key is already stored writes nothing (a replay is harmless).</para>
/// <para>Thread-safe: one connection, used under a lock (SQLite serialises writers anyway). Calls block for the
/// fsync (about a millisecond on a local disk): call them from the alert stage, never from a capture thread.</para>
/// </remarks>
public sealed partial class SqliteEventStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();
    private readonly string[] _sinks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _disposed;

    /// <summary>
    /// Opens (creating if needed) the store at <paramref name="path"/>; every appended event gets one outbox row per
    /// name in <paramref name="sinkNames"/>. Fails with <see cref="InvalidOperationException"/> naming the file.
    /// </summary>
    public SqliteEventStore(string path, IEnumerable<string> sinkNames, ILogger<SqliteEventStore>? logger = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(sinkNames);
        _sinks = sinkNames.Distinct(StringComparer.Ordinal).ToArray();
        if (_sinks.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("Sink names must not be empty.", nameof(sinkNames));
        Path = System.IO.Path.GetFullPath(path);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        try
        {
            if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } dir)
                Directory.CreateDirectory(dir);
            // Pooling off: disposing the store really closes the file (a reopened store in the same process, as after
            // a restart, must not share a pooled connection with the old one).
            _connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
            }.ToString());
            _connection.Open();
            Execute(Schema);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _connection?.Dispose();
            throw new InvalidOperationException($"Cannot open the event store '{Path}': {ex.Message}", ex);
        }
    }

    /// <summary>Raised (outside the lock, on the appending thread) after rows were added to the outbox.</summary>
    public event Action? OutboxChanged;

    /// <summary>Full path of the database file.</summary>
    public string Path { get; }

    /// <summary>The sinks that get an outbox row per event.</summary>
    public IReadOnlyList<string> Sinks => _sinks;

    /// <summary>
    /// Stores <paramref name="evt"/>, one pending outbox row per sink and (when given) <paramref name="ruleState"/>,
    /// in one transaction. Returns false, changing nothing but the rule state, when the event's idempotency key is
    /// already stored.
    /// </summary>
    public bool Append(AlertEvent evt, AlertRuleState? ruleState = null)
    {
        ArgumentNullException.ThrowIfNull(evt);
        string json = AlertEventJson.Serialize(evt);
        bool added;
        lock (_lock)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            using (var insert = Command("""
                INSERT INTO events(idempotency_key, event_id, camera, kind, state, recorded_utc, json)
                VALUES($key, $id, $camera, $kind, $state, $now, $json) ON CONFLICT(idempotency_key) DO NOTHING
                RETURNING seq
                """, tx))
            {
                insert.Parameters.AddWithValue("$key", evt.IdempotencyKey);
                insert.Parameters.AddWithValue("$id", evt.Id);
                insert.Parameters.AddWithValue("$camera", evt.Camera);
                insert.Parameters.AddWithValue("$kind", evt.Kind);
                insert.Parameters.AddWithValue("$state", evt.State.ToString().ToLowerInvariant());
                insert.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("$json", json);
                object? seq = insert.ExecuteScalar();
                added = seq is not null and not DBNull;
                if (added)
                    AddOutboxRows(tx, (long)seq!, evt.Camera);
            }
            if (ruleState is not null)
                SaveRuleStateCore(tx, ruleState);
            tx.Commit();
        }
        if (added)
            OutboxChanged?.Invoke();
        else
            _logger.LogInformation("Event store {Path}: {Key} is already stored; not appended again", Path, evt.IdempotencyKey);
        return added;
    }

    /// <summary>Persists <paramref name="state"/> (a checkpoint of an open event, or a cooldown) on its own.</summary>
    public void SaveRuleState(AlertRuleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            ThrowIfDisposed();
            using var tx = _connection.BeginTransaction();
            SaveRuleStateCore(tx, state);
            tx.Commit();
        }
    }

    /// <summary>The saved rule state of every camera for rules of <paramref name="kind"/>.</summary>
    public IReadOnlyList<AlertRuleState> LoadRuleStates(string kind)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command("SELECT json FROM rule_state WHERE kind = $kind ORDER BY camera");
            cmd.Parameters.AddWithValue("$kind", kind);
            var states = new List<AlertRuleState>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                states.Add(JsonSerializer.Deserialize<AlertRuleState>(reader.GetString(0), AlertEventJson.Options)
                    ?? throw new InvalidDataException($"Event store '{Path}': a rule state of kind '{kind}' is null."));
            return states;
        }
    }

    /// <summary>Every stored event transition in insertion order, optionally of one camera only.</summary>
    public IReadOnlyList<AlertEvent> GetEvents(string? camera = null)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command("SELECT json FROM events WHERE $camera IS NULL OR camera = $camera ORDER BY seq");
            cmd.Parameters.AddWithValue("$camera", (object?)camera ?? DBNull.Value);
            var events = new List<AlertEvent>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
                events.Add(AlertEventJson.Deserialize(reader.GetString(0)));
            return events;
        }
    }

    /// <summary>The pending rows of <paramref name="sink"/>, oldest first (the order a sink must deliver them in).</summary>
    public IReadOnlyList<OutboxEntry> GetPending(string sink, int max) => ReadOutbox(sink, max, pendingOnly: true);

    /// <summary>Every outbox row of <paramref name="sink"/>, in any status, oldest first (inspection, tests).</summary>
    public IReadOnlyList<OutboxEntry> GetOutbox(string sink) => ReadOutbox(sink, int.MaxValue, pendingOnly: false);

    /// <summary>Number of pending rows of <paramref name="sink"/>: its backlog.</summary>
    public long CountPending(string sink)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command("SELECT COUNT(*) FROM outbox WHERE sink = $sink AND status = 'pending'");
            cmd.Parameters.AddWithValue("$sink", sink);
            return (long)cmd.ExecuteScalar()!;
        }
    }

    /// <summary>Marks row <paramref name="outboxId"/> delivered: call only after the sink acknowledged it.</summary>
    public void MarkDelivered(long outboxId) =>
        UpdateRow(outboxId, "UPDATE outbox SET status = 'delivered', delivered_utc = $now WHERE id = $id", null, null);

    /// <summary>Counts a failed attempt on row <paramref name="outboxId"/>; it stays pending until <paramref name="nextAttemptUtc"/>.</summary>
    public void RecordFailure(long outboxId, string error, DateTimeOffset nextAttemptUtc) =>
        UpdateRow(outboxId, "UPDATE outbox SET attempts = attempts + 1, last_error = $error, next_attempt_utc = $next WHERE id = $id",
            error, nextAttemptUtc);

    /// <summary>Parks row <paramref name="outboxId"/> after a permanent failure: kept, never retried.</summary>
    public void Park(long outboxId, string error) =>
        UpdateRow(outboxId, "UPDATE outbox SET status = 'parked', attempts = attempts + 1, last_error = $error WHERE id = $id", error, null);

    /// <summary>A PRAGMA's value, e.g. "journal_mode" (diagnostics, tests).</summary>
    public string ReadPragma(string name)
    {
        if (!PragmaName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a pragma name.", nameof(name));
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command("PRAGMA " + name);
            return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        }
    }

    /// <summary>Closes the file. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _connection.Dispose();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_]+$")]
    private static partial System.Text.RegularExpressions.Regex PragmaName();
}
