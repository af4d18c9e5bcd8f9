using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Another service, as far as the broker can tell: its own MassTransit bus on the container, with two
/// queues of its own bound to <see cref="OfferingChanged"/>. One records every delivery as it arrives;
/// the other feeds an idempotent consumer that counts changes per offering in its own SQLite database.
/// Both queues are durable, so deliveries wait in the broker while this bus reconnects after an outage.
/// </summary>
public sealed class EventListener : IAsyncDisposable
{
    private readonly TestBus _bus;

    private EventListener(TestBus bus, Deliveries deliveries)
    {
        _bus = bus;
        Deliveries = deliveries;
    }

    public Deliveries Deliveries { get; }

    public static async Task<EventListener> StartAsync(Uri amqpUrl, string scratchDirectory)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var deliveries = new Deliveries($"e2e-offering-changed-{id}", $"e2e-offering-tally-{id}");
        var database = PersistenceExtensions.SqliteConnectionString(scratchDirectory, $"tally-{id}");

        var services = new ServiceCollection();
        services.AddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(deliveries);
        services.AddDbContext<TallyDb>(db => db.UseSqlite(database));
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<OfferingChangedRecorder>();
            bus.AddConsumer<OfferingTally>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(amqpUrl);
                rabbit.ReceiveEndpoint(deliveries.RecorderQueue, endpoint => endpoint.ConfigureConsumer<OfferingChangedRecorder>(context));
                rabbit.ReceiveEndpoint(deliveries.TallyQueue, endpoint =>
                {
                    // As in the services: a failed attempt (e.g. two copies racing for the inbox key) is retried.
                    endpoint.UseMessageRetry(retry => retry.Interval(10, TimeSpan.FromMilliseconds(200)));
                    endpoint.ConfigureConsumer<OfferingTally>(context);
                });
            });
        });

        var started = await TestBus.StartAsync(services, "the listener's bus", async testBus =>
        {
            await using (var scope = testBus.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<TallyDb>().Database.EnsureCreatedAsync();
            }

            testBus.Bus.ConnectConsumeObserver(new TallyObserver(deliveries));
        });
        return new EventListener(started, deliveries);
    }

    /// <summary>How many changes of offering <paramref name="name"/> the idempotent consumer has counted.</summary>
    public async Task<int> TallyAsync(string name)
    {
        await using var scope = _bus.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TallyDb>();
        return await db.Tallies.AsNoTracking().Where(t => t.Name == name).Select(t => t.Count).SingleOrDefaultAsync();
    }

    /// <summary>Publishes <paramref name="message"/> again under the same message id: what a redelivery looks like.</summary>
    public async Task PublishAgainAsync(OfferingChanged message, Guid messageId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.Bus.Publish(message, context => context.MessageId = messageId, timeout.Token);
    }

    public ValueTask DisposeAsync() => _bus.DisposeAsync();
}

/// <summary>A delivery of <see cref="OfferingChanged"/> on one of the listener's queues.</summary>
public sealed record Delivery(Guid? MessageId, OfferingChanged Message);

/// <summary>What arrived on the listener's queues, in arrival order.</summary>
public sealed class Deliveries(string recorderQueue, string tallyQueue)
{
    private readonly ConcurrentQueue<Delivery> _recorded = new();
    private readonly ConcurrentQueue<Delivery> _tallied = new();

    public string RecorderQueue { get; } = recorderQueue;
    public string TallyQueue { get; } = tallyQueue;

    /// <summary>Deliveries on the recorder's queue concerning offering <paramref name="name"/>.</summary>
    public IReadOnlyList<Delivery> Recorded(string name) => [.. _recorded.Where(d => d.Message.Name == name)];

    /// <summary>Deliveries the idempotent consumer has finished with (handled or recognised as seen), for <paramref name="name"/>.</summary>
    public IReadOnlyList<Delivery> Tallied(string name) => [.. _tallied.Where(d => d.Message.Name == name)];

    internal void Record(Delivery delivery) => _recorded.Enqueue(delivery);
    internal void Tally(Delivery delivery) => _tallied.Enqueue(delivery);
}

/// <summary>A plain consumer: notes every OfferingChanged it is given.</summary>
public sealed class OfferingChangedRecorder(Deliveries deliveries) : IConsumer<OfferingChanged>
{
    public Task Consume(ConsumeContext<OfferingChanged> context)
    {
        deliveries.Record(new Delivery(context.MessageId, context.Message));
        return Task.CompletedTask;
    }
}

/// <summary>
/// A consumer that changes state, built the way the services build theirs: on
/// <see cref="IdempotentConsumer{TMessage,TContext}"/>, so a message delivered twice counts once.
/// </summary>
public sealed class OfferingTally(TallyDb db, IClock clock) : IdempotentConsumer<OfferingChanged, TallyDb>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<OfferingChanged> context)
    {
        var name = context.Message.Name;
        var tally = await Db.Tallies.FindAsync([name], context.CancellationToken);
        if (tally is null)
        {
            Db.Tallies.Add(new Tally { Name = name, Count = 1 });
        }
        else
        {
            tally.Count++;
        }
    }
}

/// <summary>Notes each message the tally consumer completed, including redeliveries its inbox turned away.</summary>
internal sealed class TallyObserver(Deliveries deliveries) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is OfferingChanged message
            && context.ReceiveContext.InputAddress.AbsolutePath.EndsWith($"/{deliveries.TallyQueue}", StringComparison.Ordinal))
        {
            deliveries.Tally(new Delivery(context.MessageId, message));
        }

        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

/// <summary>The listening service's database: its inbox (from <see cref="ServiceDbContext"/>) and its tallies.</summary>
public sealed class TallyDb(DbContextOptions<TallyDb> options) : ServiceDbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Tally>(entity =>
        {
            entity.ToTable("tallies");
            entity.HasKey(t => t.Name);
        });
    }
}

/// <summary>How many changes of one offering the listener has counted.</summary>
public sealed class Tally
{
    public required string Name { get; init; }
    public int Count { get; set; }
}
