using System.CommandLine;

namespace MultimodalFusion.Cli.Commands;

/// <summary><c>mmf serve</c>: being built (issue 6); until then it says so and exits 1.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Not built yet (issue 6).");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("mmf serve: not built yet.");
            return ExitCodes.Failure;
        });
        return command;
    }
}
