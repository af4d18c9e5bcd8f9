using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;
using Weerbaarheid.Testing;

namespace Weerbaarheid.ServiceDefaults.Tests.Messaging;

/// <summary>
/// The inbox: a message is handled once per consumer however often it arrives, and a consumer that fails
/// leaves nothing behind, so its retry starts from a clean slate.
/// </summary>
public sealed class IdempotentConsumerTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Same_message_delivered_twice_changes_state_once(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider, bus => bus.AddConsumer<TallyConsumer>());
        var messageId = NewId.NextGuid();

        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 1);
        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 2);

        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        var inbox = Assert.Single(await service.InboxAsync());
        Assert.Equal(messageId, inbox.MessageId);
        Assert.Equal(typeof(TallyConsumer).FullName, inbox.Consumer);
        Assert.Equal(TestService.Start, inbox.HandledAt);
        // The event the handler published went into the outbox once, with the state change.
        var outbox = Assert.Single(await service.OutboxAsync());
        Assert.Equal(new TallyCounted("dispatch", 1), outbox.Deserialize(out _));
        Assert.All(service.Deliveries.Completed, delivery => Assert.Null(delivery.Exception));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Different_messages_with_equal_content_are_each_handled(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider, bus => bus.AddConsumer<TallyConsumer>());

        await DeliverAsync(service, new TallyRequested("dispatch"), NewId.NextGuid(), expectedDeliveries: 1);
        await DeliverAsync(service, new TallyRequested("dispatch"), NewId.NextGuid(), expectedDeliveries: 2);

        Assert.Equal(2, Assert.Single(await service.TalliesAsync()).Count);
        Assert.Equal(2, (await service.InboxAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Each_consumer_of_a_message_handles_it_once(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider, bus =>
        {
            bus.AddConsumer<TallyConsumer>();
            bus.AddConsumer<AuditConsumer>();
        });
        var messageId = NewId.NextGuid();

        // Each consumer has its own endpoint, so one publish is two deliveries.
        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 2);
        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 4);

        Assert.Equal(2, service.Deliveries.Completed.Select(d => d.Endpoint).Distinct().Count());
        Assert.All(service.Deliveries.Completed, delivery => Assert.Null(delivery.Exception));

        Assert.Equal([("audit:dispatch", 1), ("dispatch", 1)], (await service.TalliesAsync()).Select(t => (t.Name, t.Count)));
        var inbox = await service.InboxAsync();
        Assert.Equal([typeof(AuditConsumer).FullName, typeof(TallyConsumer).FullName], inbox.Select(m => m.Consumer));
        Assert.All(inbox, m => Assert.Equal(messageId, m.MessageId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Consumer_that_throws_leaves_no_inbox_row_state_change_or_event_so_redelivery_succeeds(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider, bus => bus.AddConsumer<TallyConsumer>());
        var faults = service.Services.GetRequiredService<ConsumerFaults>();
        var messageId = NewId.NextGuid();
        faults.FailNext(1);

        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 1);

        var failed = Assert.Single(service.Deliveries.Completed);
        Assert.IsType<InvalidOperationException>(failed.Exception);
        // The handler had already saved its state change and event inside the transaction: all rolled back.
        Assert.Empty(await service.TalliesAsync());
        Assert.Empty(await service.InboxAsync());
        Assert.Empty(await service.OutboxAsync());

        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 2);

        Assert.Null(service.Deliveries.Completed[1].Exception);
        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        Assert.Equal(messageId, Assert.Single(await service.InboxAsync()).MessageId);
        Assert.Equal(new TallyCounted("dispatch", 1), Assert.Single(await service.OutboxAsync()).Deserialize(out _));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Message_retried_by_the_endpoint_after_a_failure_changes_state_once(DatabaseProvider provider)
    {
        // The retry policy every service endpoint gets (MessagingExtensions), without the back-off delays.
        await using var service = await TestService.StartAsync(provider, bus =>
        {
            bus.AddConsumer<TallyConsumer>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry => retry.Immediate(3)));
        });
        service.Services.GetRequiredService<ConsumerFaults>().FailNext(2);
        var messageId = NewId.NextGuid();

        await DeliverAsync(service, new TallyRequested("dispatch"), messageId, expectedDeliveries: 1);

        Assert.Null(Assert.Single(service.Deliveries.Completed).Exception);
        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        Assert.Equal(messageId, Assert.Single(await service.InboxAsync()).MessageId);
        Assert.Equal(new TallyCounted("dispatch", 1), Assert.Single(await service.OutboxAsync()).Deserialize(out _));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_deliveries_of_one_message_change_state_once(DatabaseProvider provider)
    {
        // The loser of the race fails on the inbox key and is retried; the retry finds the winner's record.
        await using var service = await TestService.StartAsync(provider, bus =>
        {
            bus.AddConsumer<TallyConsumer>();
            bus.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(retry => retry.Immediate(3)));
        });
        var messageId = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            service.Harness.Bus.Publish(new TallyRequested("dispatch"), context => context.MessageId = messageId)));
        await Eventually.HoldsAsync(() => service.Deliveries.Completed.Count >= 3, "3 deliveries have completed");

        Assert.All(service.Deliveries.Completed, delivery => Assert.Null(delivery.Exception));
        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        Assert.Single(await service.InboxAsync());
        Assert.Single(await service.OutboxAsync());
    }

    /// <summary>Publishes <paramref name="message"/> under <paramref name="messageId"/>; waits until the deliveries so far have completed.</summary>
    private static async Task DeliverAsync(TestService service, TallyRequested message, Guid messageId, int expectedDeliveries)
    {
        await service.Harness.Bus.Publish(message, context => context.MessageId = messageId);
        await Eventually.HoldsAsync(() => service.Deliveries.Completed.Count >= expectedDeliveries,
            $"{expectedDeliveries} deliveries have completed");
        Assert.Equal(expectedDeliveries, service.Deliveries.Completed.Count);
    }
}

/// <summary>Counts a tally and announces the new count, saving part-way as handlers may.</summary>
public sealed class TallyConsumer(TestDb db, IClock clock, ConsumerFaults faults) : IdempotentConsumer<TallyRequested, TestDb>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<TallyRequested> context)
    {
        var tally = await Db.Tallies.FindAsync([context.Message.Name], context.CancellationToken);
        if (tally is null)
        {
            tally = new Tally { Name = context.Message.Name };
            Db.Tallies.Add(tally);
        }

        tally.Count++;
        Db.Publish(new TallyCounted(tally.Name, tally.Count));
        await Db.SaveChangesAsync(context.CancellationToken);
        faults.ThrowIfArmed();
    }
}

/// <summary>A second, independent consumer of the same message.</summary>
public sealed class AuditConsumer(TestDb db, IClock clock) : IdempotentConsumer<TallyRequested, TestDb>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<TallyRequested> context)
    {
        var name = $"audit:{context.Message.Name}";
        var tally = await Db.Tallies.FindAsync([name], context.CancellationToken);
        if (tally is null)
        {
            tally = new Tally { Name = name };
            Db.Tallies.Add(tally);
        }

        tally.Count++;
    }
}
