using MultimodalFusion.Core.Diagnostics;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace MultimodalFusion.Cli.Logging;

/// <summary>Renders a log event with an inner formatter (a text template or JSON) and removes credentials from the whole output.</summary>
/// <remarks>
/// The last line of defence: sources already log redacted descriptions, but an exception message or a
/// child process's stderr can still carry a URL with a password. Used by every sink the CLI creates.
/// </remarks>
internal sealed class RedactingFormatter : ITextFormatter
{
    private readonly ITextFormatter _inner;

    /// <summary>Renders with <paramref name="outputTemplate"/> (Serilog output template syntax).</summary>
    public RedactingFormatter(string outputTemplate)
        : this(new MessageTemplateTextFormatter(outputTemplate))
    {
    }

    /// <summary>Renders with <paramref name="inner"/>, e.g. a JSON formatter for structured log files.</summary>
    public RedactingFormatter(ITextFormatter inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        _inner.Format(logEvent, buffer);
        output.Write(CredentialRedactor.Redact(buffer.ToString()));
    }
}
