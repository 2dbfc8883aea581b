using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MultimodalFusion.Cli.Doctor;

/// <summary>The results of one <c>mmf doctor</c> run: exit code, plain-text table and JSON.</summary>
public sealed class DoctorReport
{
    /// <summary>Wraps finished results.</summary>
    public DoctorReport(IReadOnlyList<CheckResult> results) => Results = results;

    /// <summary>One result per check, in run order.</summary>
    public IReadOnlyList<CheckResult> Results { get; }

    /// <summary>0 when every required check passes (warnings allowed), 1 otherwise.</summary>
    public int ExitCode => Results.All(r => r.Passes) ? ExitCodes.Success : ExitCodes.Failure;

    /// <summary>Runs <paramref name="checks"/> one after the other against <paramref name="context"/>.</summary>
    public static DoctorReport Run(IEnumerable<IDoctorCheck> checks, DoctorContext context) =>
        new(checks.Select(c => c.Run(context)).ToList());

    /// <summary>Writes the table: status, check, required/optional, detail, then an indented "fix:" line where one applies.</summary>
    public void WriteTable(TextWriter output)
    {
        int nameWidth = Math.Max(5, Results.Max(r => r.Name.Length));
        output.WriteLine($"{"STATUS",-6}  {"CHECK".PadRight(nameWidth)}  {"NEED",-8}  DETAIL");
        foreach (var r in Results)
        {
            string status = r.Status switch { CheckStatus.Ok => "ok", CheckStatus.Warn => "warn", _ => "FAIL" };
            output.WriteLine($"{status,-6}  {r.Name.PadRight(nameWidth)}  {(r.Required ? "required" : "optional"),-8}  {r.Detail}");
            if (r.Fix is not null && r.Status != CheckStatus.Ok)
                output.WriteLine($"{"",-6}  {"".PadRight(nameWidth)}  {"",-8}  fix: {r.Fix}");
        }
        int failed = Results.Count(r => !r.Passes);
        int warned = Results.Count(r => r.Status != CheckStatus.Ok && r.Passes);
        output.WriteLine($"{Results.Count} checks: {Results.Count(r => r.Status == CheckStatus.Ok)} ok, {warned} warning(s), {failed} required failed.");
    }

    /// <summary>
    /// Writes <c>{"ok": bool, "checks": [{"name", "required", "status" ("ok"|"warn"|"fail"), "detail", "fix"}]}</c>.
    /// </summary>
    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Human-readable output: '+' in a version or quotes in a message stay as typed (JSON stays valid).
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", ExitCode == ExitCodes.Success);
            json.WriteStartArray("checks");
            foreach (var r in Results)
            {
                json.WriteStartObject();
                json.WriteString("name", r.Name);
                json.WriteBoolean("required", r.Required);
                json.WriteString("status", r.Status.ToString().ToLowerInvariant());
                json.WriteString("detail", r.Detail);
                if (r.Fix is null)
                    json.WriteNull("fix");
                else
                    json.WriteString("fix", r.Fix);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
