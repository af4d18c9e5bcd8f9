using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

namespace Weerbaarheid.ServiceDefaults.Tests.Messaging;

/// <summary>The dispatcher as a hosted service: woken by commits, retrying until the broker takes the event.</summary>
public sealed class BackgroundDispatcherTests
{
    [Fact]
    public async Task Commit_wakes_the_running_dispatcher_long_before_its_poll_interval()
    {
        await using var service = await TestService.StartAsync(DatabaseProvider.Sqlite);
        var dispatcher = service.CreateDispatcher(new OutboxOptions { PollInterval = TimeSpan.FromHours(1) });
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await service.CommitAsync(new CaseOpened(1));
            await Eventually.HoldsAsync(async () => service.Published<CaseOpened>().Count == 1 && (await service.OutboxAsync()).Count == 0,
                "the first event is published and its row deleted");

            // The dispatcher is idle now; only the commit's wake-up can make it look again within the hour.
            await service.CommitAsync(new CaseOpened(2));
            await Eventually.HoldsAsync(async () => service.Published<CaseOpened>().Count == 2 && (await service.OutboxAsync()).Count == 0,
                "the second event is published and its row deleted");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal([1, 2], service.Published<CaseOpened>().Select(p => p.Message.Number));
        Assert.Empty(await service.OutboxAsync());
    }

    [Fact]
    public async Task Running_dispatcher_retries_a_failed_publish_until_the_broker_takes_it()
    {
        await using var service = await TestService.StartAsync(DatabaseProvider.Sqlite);
        var failuresLeft = 2;
        service.Broker.BeforePublish = (_, _) => Interlocked.Decrement(ref failuresLeft) >= 0
            ? throw new InvalidOperationException("Broker unreachable")
            : Task.CompletedTask;
        await service.CommitAsync(new CaseOpened(1));
        var row = Assert.Single(await service.OutboxAsync());
        // A short back-off cap keeps the test quick; the schedule itself is not what is under test.
        var dispatcher = service.CreateDispatcher(new OutboxOptions
        {
            PollInterval = TimeSpan.FromHours(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        });

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.HoldsAsync(async () => service.Published<CaseOpened>().Count == 1 && (await service.OutboxAsync()).Count == 0,
                "the event is published after two failures and its row deleted");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Equal(3, service.Broker.Attempts);
        Assert.Equal(row.MessageId, Assert.Single(service.Published<CaseOpened>()).MessageId);
        Assert.Empty(await service.OutboxAsync());
    }
}
