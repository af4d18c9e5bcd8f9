using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;
using Weerbaarheid.Testing;

namespace Weerbaarheid.ServiceDefaults.Tests.Messaging;

/// <summary>Several replicas share one outbox table: the lease decides who publishes a row.</summary>
public sealed class OutboxLeaseTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Second_dispatcher_skips_rows_the_first_has_leased(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2), new CaseOpened(3));
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Broker.BeforePublish = async (_, _) =>
        {
            if (holding.TrySetResult())
            {
                await release.Task; // the first publish hangs while the first dispatcher holds its lease
            }
        };
        var first = service.CreateDispatcher();
        var second = service.CreateDispatcher();

        var firstRound = first.DispatchBatchAsync(CancellationToken.None);
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var secondRound = await second.DispatchBatchAsync(CancellationToken.None);
        release.SetResult();

        Assert.Equal(0, secondRound);
        Assert.Equal(3, await firstRound);
        Assert.Equal([1, 2, 3], service.Published<CaseOpened>().Select(p => p.Message.Number));
        Assert.Empty(await service.OutboxAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Lease_of_a_crashed_dispatcher_runs_out_and_another_takes_over(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2));
        var options = new OutboxOptions { LeaseDuration = TimeSpan.FromMinutes(2) };
        // A replica claimed both rows and died before publishing them.
        var leaseEnd = service.Clock.GetCurrentInstant() + Duration.FromMinutes(2);
        await service.WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.LockedBy, Guid.NewGuid())
            .SetProperty(m => m.LockedUntil, leaseEnd)));
        var survivor = service.CreateDispatcher(options);

        Assert.Equal(0, await survivor.DispatchBatchAsync(CancellationToken.None));
        service.Clock.Advance(Duration.FromMinutes(2));
        Assert.Equal(0, await survivor.DispatchBatchAsync(CancellationToken.None)); // the lease includes its last instant
        service.Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(2, await survivor.DispatchBatchAsync(CancellationToken.None));

        Assert.Equal([1, 2], service.Published<CaseOpened>().Select(p => p.Message.Number));
        Assert.Empty(await service.OutboxAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Two_dispatchers_racing_publish_every_row_exactly_once(DatabaseProvider provider)
    {
        const int Events = 40;
        await using var service = await TestService.StartAsync(provider);
        await service.WithDbAsync(async db =>
        {
            for (var number = 1; number <= Events; number++)
            {
                db.Publish(new CaseOpened(number));
            }

            await db.SaveChangesAsync();
        });
        var rows = await service.OutboxAsync();
        // Yielding in every publish lets the two replicas' claims and publishes interleave.
        service.Broker.BeforePublish = async (_, _) => await Task.Yield();
        var options = new OutboxOptions { BatchSize = 4 };
        var replicas = new[] { service.CreateDispatcher(options), service.CreateDispatcher(options) };

        var claimed = 0;
        for (var round = 0; round < Events && (await service.OutboxAsync()).Count > 0; round++)
        {
            var counts = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.DispatchBatchAsync(CancellationToken.None))));
            claimed += counts.Sum();
        }

        var published = service.Published<CaseOpened>().Select(p => p.MessageId!.Value).ToList();
        Assert.Equal(Events, claimed);
        Assert.Equal(Events, published.Count);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), published.Order());
        Assert.Empty(await service.OutboxAsync());
    }
}
