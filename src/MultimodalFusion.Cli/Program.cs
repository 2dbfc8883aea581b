using System.CommandLine;
using MultimodalFusion.Cli;
using MultimodalFusion.Cli.Commands;

// `mmf`: the composition root. Each command lives in Commands/; this file only dispatches and
// maps parse errors to exit code 2.
var root = new RootCommand("mmf - real-time multimodal fusion: video, audio and speech text aligned into time windows.")
{
    ProbeCommand.Create(),
    ModelsCommand.Create(),
    SynthCommand.Create(),
    FeaturesCommand.Create(),
    DoctorCommand.Create(),
    ViolenceCommand.Create(),
    EvalCommand.Create(),
    EmotionCommand.Create(),
    ServeCommand.Create(),
};

ParseResult parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
        Console.Error.WriteLine($"mmf: {error.Message}");
    Console.Error.WriteLine("Run 'mmf --help' or 'mmf <command> --help' for usage.");
    return ExitCodes.Usage;
}
// Ctrl+C: the commands stop gracefully (violence flushes its sinks, up to 10 s, and finishes open clips);
// System.CommandLine's default 2 s would cut that short.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
