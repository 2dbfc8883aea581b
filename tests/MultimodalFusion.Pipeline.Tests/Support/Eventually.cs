namespace MultimodalFusion.Pipeline.Tests.Support;

/// <summary>Polls a condition instead of sleeping a fixed time; generous limits for a loaded 2-core CI machine.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > limit)
                Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>Awaits <paramref name="task"/> or fails after <paramref name="timeout"/> (default 20 s).</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        if (finished != task)
            Assert.Fail($"Timed out waiting for: {what}");
        return await task;
    }

    public static async Task WithinAsync(Task task, string what, TimeSpan? timeout = null)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout ?? TimeSpan.FromSeconds(20)));
        if (finished != task)
            Assert.Fail($"Timed out waiting for: {what}");
        try { await task; } catch { /* the caller inspects the task's state */ }
    }
}
