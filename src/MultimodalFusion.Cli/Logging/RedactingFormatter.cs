using MultimodalFusion.Core.Diagnostics;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace MultimodalFusion.Cli.Logging;

/// <summary>Renders a log event with a template and removes credentials from the whole line.</summary>
/// <remarks>
/// The last line of defence: sources already log redacted descriptions, but an exception message or a
/// child process's stderr can still carry a URL with a password. Used by every sink the CLI creates.
/// </remarks>
internal sealed class RedactingFormatter(string outputTemplate) : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner = new(outputTemplate);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        _inner.Format(logEvent, buffer);
        output.Write(CredentialRedactor.Redact(buffer.ToString()));
    }
}
