namespace MultimodalFusion.Alerts.Tests.Support;

/// <summary>Waiting for a condition with a generous deadline (CI machines are slow and loaded), never a fixed sleep.</summary>
internal static class Poll
{
    /// <summary>Default deadline for anything that crosses a process or a socket.</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    /// <remarks><paramref name="describe"/>, when given, is appended to the failure: the state that did not come about.</remarks>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Long);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout ?? Long} waiting for: {what}{(describe is null ? "" : "; " + describe())}");
            await Task.Delay(50);
        }
    }

    /// <summary>Checks that <paramref name="condition"/> keeps holding for <paramref name="duration"/> (e.g. "no second copy arrives").</summary>
    public static async Task StaysAsync(Func<bool> condition, string what, TimeSpan duration)
    {
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end)
        {
            Assert.True(condition(), what);
            await Task.Delay(50);
        }
        Assert.True(condition(), what);
    }
}
