namespace MultimodalFusion.Integration.Tests.Violence;

/// <summary>Waits for a condition by polling (no fixed sleeps), failing with what was awaited and the state then.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.{(describe is null ? "" : "\n" + describe())}");
            await Task.Delay(100);
        }
    }
}
