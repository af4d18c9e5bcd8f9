using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;
using Weerbaarheid.Testing;

namespace Weerbaarheid.ServiceDefaults.Tests.Messaging;

/// <summary>
/// The outbox from SaveChanges to the broker: what commits is published once, under the outbox row's
/// message id, in order; what does not commit never leaves; a failed publish stays queued and is retried.
/// </summary>
public sealed class OutboxTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Event_saved_with_state_change_is_published_once_broker_confirms(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1));
        var row = Assert.Single(await service.OutboxAsync());
        var dispatcher = service.CreateDispatcher();

        Assert.Equal(1, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchBatchAsync(CancellationToken.None));

        var published = Assert.Single(service.Published<CaseOpened>());
        Assert.Equal(new CaseOpened(1), published.Message);
        Assert.Equal(row.MessageId, published.MessageId);
        Assert.Empty(await service.OutboxAsync());
        Assert.Equal(1, Assert.Single(await service.TalliesAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Event_arrives_at_the_broker_as_it_was_saved(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        var reported = new CaseReported(Guid.NewGuid(), CaseUrgency.Urgent,
            new DateTimeOffset(2025, 3, 30, 2, 30, 15, 123, TimeSpan.FromHours(2)),
            new CaseReporter("Meldkamer Oost-Nederland", 3), ["schietincident", "collega gewond"], Note: null);
        await service.WithDbAsync(async db =>
        {
            db.Publish(reported);
            await db.SaveChangesAsync();
        });

        await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None);

        var published = Assert.Single(service.Published<CaseReported>()).Message;
        Assert.Equal(reported with { Topics = [] }, published with { Topics = [] });
        Assert.Equal(reported.ReportedAt.Offset, published.ReportedAt.Offset);
        Assert.Equal(reported.Topics, published.Topics);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Event_of_a_SaveChanges_that_fails_is_never_published(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1));
        Assert.Equal(1, await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None));

        // The same case again violates the key: the state change and its event fail together.
        await Assert.ThrowsAsync<DbUpdateException>(() => service.CommitAsync(new CaseOpened(1)));

        Assert.Empty(await service.OutboxAsync());
        Assert.Equal(0, await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None));
        Assert.Single(service.Published<CaseOpened>());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Event_of_a_rolled_back_transaction_is_never_published_and_wakes_no_dispatcher(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await DrainAsync(service.Signal);

        await service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tallies.Add(new Tally { Name = "case-1", Count = 1 });
            db.Publish(new CaseOpened(1));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        });

        Assert.False(await TakeWakeUpAsync(service.Signal));
        Assert.Empty(await service.OutboxAsync());
        Assert.Empty(await service.TalliesAsync());
        Assert.Equal(0, await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None));
        Assert.Empty(service.Published<CaseOpened>());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Dispatcher_is_woken_when_the_transaction_commits_not_before(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await DrainAsync(service.Signal);

        await service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Publish(new CaseOpened(1));
            await db.SaveChangesAsync();
            Assert.False(await TakeWakeUpAsync(service.Signal));

            await transaction.CommitAsync();
            Assert.True(await TakeWakeUpAsync(service.Signal));
        });

        // Without an explicit transaction, SaveChanges is the commit.
        await service.CommitAsync(new CaseOpened(2));
        Assert.True(await TakeWakeUpAsync(service.Signal));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_save_without_an_event_wakes_no_dispatcher(DatabaseProvider provider)
    {
        // A dispatcher round is a write transaction of its own: waking it for every save doubles the writes.
        await using var service = await TestService.StartAsync(provider);
        await DrainAsync(service.Signal);

        await service.WithDbAsync(async db =>
        {
            db.Tallies.Add(new Tally { Name = "no-event", Count = 1 });
            await db.SaveChangesAsync();

            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tallies.Add(new Tally { Name = "no-event-either", Count = 1 });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        Assert.False(await TakeWakeUpAsync(service.Signal));
        Assert.Equal(2, (await service.TalliesAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Outbox_row_is_stamped_with_the_clock_at_save(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        service.Clock.Advance(Duration.FromMinutes(7));

        await service.CommitAsync(new CaseOpened(1));

        var row = Assert.Single(await service.OutboxAsync());
        Assert.Equal(TestService.Start + Duration.FromMinutes(7), row.EnqueuedAt);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LockedBy);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Events_are_published_in_sequence_order_across_saves_and_batches(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2), new CaseOpened(3));
        await service.WithDbAsync(async db =>
        {
            foreach (var number in new[] { 4, 5, 6, 7 })
            {
                db.Publish(new CaseOpened(number));
            }

            await db.SaveChangesAsync();
        });
        var rows = await service.OutboxAsync();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], rows.Select(r => ((CaseOpened)r.Deserialize(out _)).Number));
        var dispatcher = service.CreateDispatcher(new OutboxOptions { BatchSize = 3 });

        Assert.Equal(3, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(3, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchBatchAsync(CancellationToken.None));

        var published = service.Published<CaseOpened>();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], published.Select(p => p.Message.Number));
        Assert.Equal(rows.Select(r => r.MessageId), published.Select(p => p.MessageId!.Value));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Failed_publish_keeps_the_row_counts_the_attempt_releases_the_lease_and_is_retried(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2), new CaseOpened(3));
        var rows = await service.OutboxAsync();
        service.Broker.BeforePublish = (message, _) => message is CaseOpened { Number: 2 }
            ? throw new InvalidOperationException("Broker unreachable")
            : Task.CompletedTask;
        var dispatcher = service.CreateDispatcher();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal("Broker unreachable", failure.Message);

        Assert.Equal([1], service.Published<CaseOpened>().Select(p => p.Message.Number));
        var left = await service.OutboxAsync();
        Assert.Equal(rows.Skip(1).Select(r => r.MessageId), left.Select(r => r.MessageId));
        var failed = left[0];
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("InvalidOperationException: Broker unreachable", failed.LastError);
        Assert.Null(failed.LockedBy);
        Assert.Null(failed.LockedUntil);
        // The rest of the batch is handed back untouched, not left leased until the lease runs out.
        var untouched = left[1];
        Assert.Equal(0, untouched.Attempts);
        Assert.Null(untouched.LastError);
        Assert.Null(untouched.LockedBy);
        Assert.Null(untouched.LockedUntil);

        // The broker is back: the next round publishes the rest, still in order, without moving the clock.
        service.Broker.BeforePublish = null;
        Assert.Equal(2, await dispatcher.DispatchBatchAsync(CancellationToken.None));

        var published = service.Published<CaseOpened>();
        Assert.Equal([1, 2, 3], published.Select(p => p.Message.Number));
        Assert.Equal(rows.Select(r => r.MessageId), published.Select(p => p.MessageId!.Value));
        Assert.Empty(await service.OutboxAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unreadable_event_is_parked_and_does_not_hold_up_the_events_after_it(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2), new CaseOpened(3));
        var rows = await service.OutboxAsync();
        // As if a deploy removed the event's contract type, which the contract rules forbid.
        await service.WithDbAsync(db => db.OutboxMessages.Where(m => m.Sequence == rows[1].Sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.MessageType, "Weerbaarheid.Contracts.Gone, Weerbaarheid.Contracts")));
        var dispatcher = service.CreateDispatcher();

        Assert.Equal(2, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.DispatchBatchAsync(CancellationToken.None));

        Assert.Equal([1, 3], service.Published<CaseOpened>().Select(p => p.Message.Number));
        var parked = Assert.Single(await service.OutboxAsync());
        Assert.Equal(rows[1].MessageId, parked.MessageId);
        Assert.StartsWith("Parked, unreadable: ", parked.LastError);
        Assert.Equal(OutboxDispatcher<TestDb>.ParkedUntil, parked.LockedUntil);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Publish_the_broker_never_confirms_times_out_and_stays_queued(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1));
        service.Broker.BeforePublish = (_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
        var dispatcher = service.CreateDispatcher(new OutboxOptions { PublishTimeout = TimeSpan.FromMilliseconds(100) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatcher.DispatchBatchAsync(CancellationToken.None));

        var row = Assert.Single(await service.OutboxAsync());
        Assert.Equal(1, row.Attempts);
        Assert.StartsWith(nameof(TaskCanceledException), row.LastError);
        Assert.Null(row.LockedUntil);
        Assert.Empty(service.Published<CaseOpened>());

        service.Broker.BeforePublish = null;
        Assert.Equal(1, await dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal(row.MessageId, Assert.Single(service.Published<CaseOpened>()).MessageId);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Shutdown_mid_batch_neither_republishes_what_the_broker_took_nor_counts_a_failure(DatabaseProvider provider)
    {
        await using var service = await TestService.StartAsync(provider);
        await service.CommitAsync(new CaseOpened(1), new CaseOpened(2), new CaseOpened(3));
        using var stopping = new CancellationTokenSource();
        // The host starts stopping right after the broker confirmed the first event.
        service.Broker.AfterPublish = _ => stopping.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.CreateDispatcher().DispatchBatchAsync(stopping.Token));

        Assert.Equal([1], service.Published<CaseOpened>().Select(p => p.Message.Number));
        var left = await service.OutboxAsync();
        Assert.Equal([2, 3], left.Select(r => ((CaseOpened)r.Deserialize(out _)).Number));
        Assert.All(left, row =>
        {
            Assert.Equal(0, row.Attempts);
            Assert.Null(row.LastError);
            Assert.Null(row.LockedBy);
        });

        // The restarted replica carries on at once, without waiting for a lease to run out.
        service.Broker.AfterPublish = null;
        Assert.Equal(2, await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None));
        Assert.Equal([1, 2, 3], service.Published<CaseOpened>().Select(p => p.Message.Number));
    }

    [Fact]
    public async Task Publish_continues_the_trace_of_the_request_that_caused_the_event()
    {
        using var source = new ActivitySource("Weerbaarheid.ServiceDefaults.Tests.Requests");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name || s.Name == OutboxDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var service = await TestService.StartAsync(DatabaseProvider.Sqlite);
        ActivityContext request;
        using (var activity = source.StartActivity("POST /v1/cases"))
        {
            Assert.NotNull(activity);
            request = activity.Context;
            await service.CommitAsync(new CaseOpened(1));
        }

        Assert.Equal(1, await service.CreateDispatcher().DispatchBatchAsync(CancellationToken.None));

        // Other tests' dispatchers run in parallel; this trace holds only this test's work.
        var publish = Assert.Single(stopped, a => a.Source.Name == OutboxDiagnostics.ActivitySourceName && a.TraceId == request.TraceId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(request.SpanId, publish.ParentSpanId);
    }

    private static async Task DrainAsync(OutboxSignal signal)
    {
        while (await TakeWakeUpAsync(signal))
        {
        }
    }

    /// <summary>
    /// Takes a pending wake-up without waiting. <see cref="OutboxSignal.WaitAsync"/> is typed <c>Task</c> but
    /// returns the semaphore's <c>Task&lt;bool&gt;</c>, whose result says whether a wake-up was pending.
    /// </summary>
    private static async Task<bool> TakeWakeUpAsync(OutboxSignal signal)
    {
        var wait = signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);
        await wait;
        return Assert.IsAssignableFrom<Task<bool>>(wait).Result;
    }
}
