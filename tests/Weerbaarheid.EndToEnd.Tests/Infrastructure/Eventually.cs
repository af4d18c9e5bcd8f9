namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Waits for something other processes do (a broker delivering, a dispatcher retrying) with a bounded
/// timeout; polls, never asserts on elapsed time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? details = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, timeout, details);

    /// <param name="details">Appended to the failure message, e.g. the services' recent output.</param>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? details = null)
    {
        var limit = timeout ?? Default;
        using var deadline = new CancellationTokenSource(limit);
        while (!await condition())
        {
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var message = $"Timed out after {limit.TotalSeconds} s waiting until {what}.";
                Assert.Fail(details is null ? message : $"{message}{Environment.NewLine}{details()}");
            }
        }
    }
}
