using Microsoft.Extensions.Options;

namespace Weerbaarheid.SelfTest.Data;

/// <summary>
/// Announces finished self-tests in shuffled batches and deletes expired ones, each on its own interval;
/// a failed round is logged and retried next round. Both are safe to run on every replica.
/// </summary>
public sealed class SelfTestJobs(IServiceScopeFactory scopes, IOptions<SelfTestOptions> options, ILogger<SelfTestJobs> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        EveryAsync(options.Value.CompletionReleaseInterval, "release completions", store => store.ReleaseCompletionsAsync(stoppingToken), stoppingToken),
        EveryAsync(options.Value.PurgeInterval, "delete expired self-tests", store => store.PurgeExpiredAsync(stoppingToken), stoppingToken));

    private async Task EveryAsync(TimeSpan interval, string job, Func<SelfTestStore, Task<int>> run, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var count = await run(scope.ServiceProvider.GetRequiredService<SelfTestStore>());
                    logger.LogInformation("Self-test job {Job}: {Count} done", job, count);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Self-test job {Job} failed; trying again in {Interval}", job, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
