using Microsoft.Extensions.Options;
using Weerbaarheid.SignalTraining.Data;

namespace Weerbaarheid.SignalTraining.Scheduling;

/// <summary>
/// The durable certificate scheduler: every interval, publishes the RefresherDue and CertificateExpired events
/// that have come due. Its state is the certificates themselves (what is due, what was announced), so it
/// survives restarts, catches up on what came due while it was down, and fires each event once, also with
/// several replicas running it. A failed round is logged and retried the next.
/// </summary>
public sealed class CertificateScheduler(
    IServiceScopeFactory scopes, IOptions<SignalTrainingOptions> options, ILogger<CertificateScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CertificateCheckInterval;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var (refreshers, expiries) = await scope.ServiceProvider.GetRequiredService<CertificateStore>().AnnounceDueAsync(stoppingToken);
                    if (refreshers + expiries > 0)
                    {
                        logger.LogInformation("Announced {Refreshers} refresher(s) due and {Expiries} expired certificate(s)", refreshers, expiries);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Announcing due certificates failed; trying again in {Interval}", interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
