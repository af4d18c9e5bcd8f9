using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

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

        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), messageId, expectedConsumed: 1);
        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), messageId, expectedConsumed: 2);

        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        var inbox = Assert.Single(await service.InboxAsync());
        Assert.Equal(messageId, inbox.MessageId);
        Assert.Equal(typeof(TallyConsumer).FullName, inbox.Consumer);
        Assert.Equal(TestService.Start, inbox.HandledAt);
        // The event the handler published went into the outbox once, with the state change.
        var outbox = Assert.Single(await service.OutboxAsync());
        Assert.Equal(new TallyCounted("dispatch", 1), outbox.Deserialize(out _));
        Assert.All(service.Harness.GetConsumerHarness<TallyConsumer>().Consumed.Select<TallyRequested>(), m => Assert.Null(m.Exception));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Different_messages_with_equal_content_are_each_handled(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider, bus => bus.AddConsumer<TallyConsumer>());

        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), NewId.NextGuid(), expectedConsumed: 1);
        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), NewId.NextGuid(), expectedConsumed: 2);

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

        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await service.Harness.Bus.Publish(new TallyRequested("dispatch"), context => context.MessageId = messageId);
            var expected = delivery;
            await Eventually.HoldsAsync(() =>
                service.Harness.GetConsumerHarness<TallyConsumer>().Consumed.Select<TallyRequested>().Count() == expected &&
                service.Harness.GetConsumerHarness<AuditConsumer>().Consumed.Select<TallyRequested>().Count() == expected,
                $"both consumers have seen delivery {expected}");
        }

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

        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), messageId, expectedConsumed: 1);

        var failed = Assert.Single(service.Harness.GetConsumerHarness<TallyConsumer>().Consumed.Select<TallyRequested>());
        Assert.IsType<InvalidOperationException>(failed.Exception);
        // The handler had already saved its state change and event inside the transaction: all rolled back.
        Assert.Empty(await service.TalliesAsync());
        Assert.Empty(await service.InboxAsync());
        Assert.Empty(await service.OutboxAsync());

        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), messageId, expectedConsumed: 2);

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

        await DeliverAsync<TallyConsumer>(service, new TallyRequested("dispatch"), messageId, expectedConsumed: 1);

        Assert.Null(Assert.Single(service.Harness.GetConsumerHarness<TallyConsumer>().Consumed.Select<TallyRequested>()).Exception);
        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
        Assert.Equal(messageId, Assert.Single(await service.InboxAsync()).MessageId);
        Assert.Equal(new TallyCounted("dispatch", 1), Assert.Single(await service.OutboxAsync()).Deserialize(out _));
    }

    private static async Task DeliverAsync<TConsumer>(TestService service, TallyRequested message, Guid messageId, int expectedConsumed)
        where TConsumer : class, IConsumer
    {
        await service.Harness.Bus.Publish(message, context => context.MessageId = messageId);
        await Eventually.HoldsAsync(
            () => service.Harness.GetConsumerHarness<TConsumer>().Consumed.Select<TallyRequested>().Count() == expectedConsumed,
            $"{typeof(TConsumer).Name} has consumed {expectedConsumed} message(s)");
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
