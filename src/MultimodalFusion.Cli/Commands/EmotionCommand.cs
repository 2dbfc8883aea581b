using System.CommandLine;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf emotion</c>: being built (issue 6); until then it says so and exits 1.</summary>
internal static class EmotionCommand
{
    public static Command Create()
    {
        var command = new Command("emotion", "Not built yet (issue 6).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("mmf emotion: not built yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
