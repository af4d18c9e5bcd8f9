using MassTransit;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Messaging;

namespace Weerbaarheid.PeerSupport.Scheduling;

/// <summary>Runs the handoff notices and the coverage watch every minute; a failed round is logged and retried next minute.</summary>
public sealed class RotaJobs(IServiceScopeFactory scopes, ILogger<RotaJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ShiftNoticeScheduler>().RunOnceAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<CoverageWatch>().CheckAllAsync("time passed", stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Rota jobs failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>After every rota change (ours, via the broker), look for gaps it opened in that region.</summary>
public sealed class RotaChangedConsumer(PeerSupportDbContext db, NodaTime.IClock clock, CoverageWatch watch)
    : IdempotentConsumer<RotaChanged, PeerSupportDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<RotaChanged> context)
    {
        if (Regions.TryParse(context.Message.Region, out var region))
        {
            await watch.CheckAsync(region, context.Message.Change, context.CancellationToken);
        }
    }
}
