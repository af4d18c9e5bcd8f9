using Microsoft.Extensions.Options;
using Weerbaarheid.PeerSupport.Data;

namespace Weerbaarheid.PeerSupport.Scheduling;

/// <summary>
/// The dispatch deadlines, all kept in the database so a restart loses none: expired offers go to the next
/// in line (every <see cref="DispatchOptions.DeadlineCheckInterval"/>, so an escalation fires at most about
/// that late), case deadlines are announced every few seconds, and retention runs hourly. Each round is
/// safe with several replicas; a failed round is logged and tried again.
/// </summary>
public sealed class DispatchJobs(IServiceScopeFactory scopes, IOptions<DispatchOptions> options, ILogger<DispatchJobs> logger) : BackgroundService
{
    private static readonly TimeSpan CaseDeadlineInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeadlineCheckInterval);
        var nextCaseRound = DateTime.MinValue;
        var nextRetentionRound = DateTime.MinValue;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<DispatchStore>();
                // Until a round finds nothing left: a burst of deadlines is worked off at once, not 100 per tick.
                while (await store.ExpireDueOffersAsync(stoppingToken) > 0)
                {
                }

                if (DateTime.UtcNow >= nextCaseRound)
                {
                    await store.AnnounceCaseDeadlinesAsync(stoppingToken);
                    nextCaseRound = DateTime.UtcNow + CaseDeadlineInterval;
                }

                if (DateTime.UtcNow >= nextRetentionRound)
                {
                    var anonymised = await store.AnonymiseExpiredAsync(stoppingToken);
                    if (anonymised > 0)
                    {
                        logger.LogInformation("Anonymised {Count} dispatches and cases past their retention period", anonymised);
                    }

                    nextRetentionRound = DateTime.UtcNow + RetentionInterval;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Dispatch deadlines round failed; trying again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
