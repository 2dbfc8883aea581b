using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MultimodalFusion.Alerts.Events;
using MultimodalFusion.Alerts.Rules;

namespace MultimodalFusion.Alerts.Store;

// The SQL side of SqliteEventStore: schema and row helpers. Every method here runs under the store's lock.
public sealed partial class SqliteEventStore
{
    // synchronous=FULL is per connection, so it is set on every open; WAL is remembered by the file.
    // Times in the outbox are Unix milliseconds (UTC), compared as integers.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA foreign_keys = ON;
        PRAGMA busy_timeout = 5000;
        CREATE TABLE IF NOT EXISTS events(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL UNIQUE,
            event_id TEXT NOT NULL,
            camera TEXT NOT NULL,
            kind TEXT NOT NULL,
            state TEXT NOT NULL,
            recorded_utc TEXT NOT NULL,
            json TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS events_by_event ON events(event_id);
        CREATE TABLE IF NOT EXISTS outbox(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_seq INTEGER NOT NULL REFERENCES events(seq),
            sink TEXT NOT NULL,
            camera TEXT NOT NULL,
            status TEXT NOT NULL CHECK(status IN ('pending', 'delivered', 'parked')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc INTEGER NOT NULL,
            last_error TEXT,
            delivered_utc INTEGER,
            UNIQUE(event_seq, sink));
        CREATE INDEX IF NOT EXISTS outbox_by_sink ON outbox(sink, status, id);
        CREATE TABLE IF NOT EXISTS rule_state(
            kind TEXT NOT NULL,
            camera TEXT NOT NULL,
            json TEXT NOT NULL,
            saved_utc TEXT NOT NULL,
            PRIMARY KEY(kind, camera));
        """;

    private void AddOutboxRows(SqliteTransaction tx, long eventSeq, string camera)
    {
        using var cmd = Command("""
            INSERT INTO outbox(event_seq, sink, camera, status, attempts, next_attempt_utc)
            VALUES($seq, $sink, $camera, 'pending', 0, $now)
            """, tx);
        var sink = cmd.Parameters.Add("$sink", SqliteType.Text);
        cmd.Parameters.AddWithValue("$seq", eventSeq);
        cmd.Parameters.AddWithValue("$camera", camera);
        cmd.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        foreach (string name in _sinks)
        {
            sink.Value = name;
            cmd.ExecuteNonQuery();
        }
    }

    private void SaveRuleStateCore(SqliteTransaction tx, AlertRuleState state)
    {
        using var cmd = Command("""
            INSERT INTO rule_state(kind, camera, json, saved_utc) VALUES($kind, $camera, $json, $now)
            ON CONFLICT(kind, camera) DO UPDATE SET json = excluded.json, saved_utc = excluded.saved_utc
            """, tx);
        cmd.Parameters.AddWithValue("$kind", state.Kind);
        cmd.Parameters.AddWithValue("$camera", state.Camera);
        cmd.Parameters.AddWithValue("$json", JsonSerializer.Serialize(state, AlertEventJson.Options));
        cmd.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
    }

    private IReadOnlyList<OutboxEntry> ReadOutbox(string sink, int max, bool pendingOnly)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command("""
                SELECT o.id, o.status, o.attempts, o.next_attempt_utc, o.last_error, e.json
                FROM outbox o JOIN events e ON e.seq = o.event_seq
                WHERE o.sink = $sink AND (NOT $pendingOnly OR o.status = 'pending')
                ORDER BY o.id LIMIT $max
                """);
            cmd.Parameters.AddWithValue("$sink", sink);
            cmd.Parameters.AddWithValue("$pendingOnly", pendingOnly);
            cmd.Parameters.AddWithValue("$max", max);
            var rows = new List<OutboxEntry>();
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                string json = reader.GetString(5);
                rows.Add(new OutboxEntry(reader.GetInt64(0), sink, ParseStatus(reader.GetString(1)), reader.GetInt32(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : reader.GetString(4),
                    AlertEventJson.Deserialize(json), json));
            }
            return rows;
        }
    }

    private void UpdateRow(long outboxId, string sql, string? error, DateTimeOffset? nextAttemptUtc)
    {
        lock (_lock)
        {
            ThrowIfDisposed();
            using var cmd = Command(sql);
            cmd.Parameters.AddWithValue("$id", outboxId);
            if (sql.Contains("$now", StringComparison.Ordinal))
                cmd.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (error is not null)
                cmd.Parameters.AddWithValue("$error", error);
            if (nextAttemptUtc is { } next)
                cmd.Parameters.AddWithValue("$next", next.ToUnixTimeMilliseconds());
            if (cmd.ExecuteNonQuery() != 1)
                throw new InvalidOperationException($"Event store '{Path}' has no outbox row {outboxId}.");
        }
    }

    private static OutboxStatus ParseStatus(string status) => status switch
    {
        "pending" => OutboxStatus.Pending,
        "delivered" => OutboxStatus.Delivered,
        "parked" => OutboxStatus.Parked,
        _ => throw new InvalidDataException($"Unknown outbox status '{status}'."),
    };

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
