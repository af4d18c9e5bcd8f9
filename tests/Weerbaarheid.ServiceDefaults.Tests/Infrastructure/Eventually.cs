namespace Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

/// <summary>Waits for work a background service or the in-memory bus does, with a bounded timeout.</summary>
public static class Eventually
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {Timeout.TotalSeconds} s waiting until {what}.");
            }
        }
    }
}
