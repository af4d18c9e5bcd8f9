using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A service in miniature, wired like the real ones: <c>AddServiceDatabase</c> (so the outbox interceptor
/// is the production one) on its own database, a fake clock, and MassTransit's test harness as the broker.
/// </summary>
public sealed class TestService : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2025, 3, 30, 0, 30);

    private readonly IHost _host;
    private readonly TestDatabase _database;

    private TestService(IHost host, TestDatabase database, FakeClock clock, Broker broker)
    {
        _host = host;
        _database = database;
        Clock = clock;
        Broker = broker;
    }

    public FakeClock Clock { get; }
    public Broker Broker { get; }
    public IServiceProvider Services => _host.Services;
    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();
    public OutboxSignal Signal => Services.GetRequiredService<OutboxSignal>();
    public Deliveries Deliveries => Services.GetRequiredService<Deliveries>();

    public static async Task<TestService> StartAsync(DatabaseProvider provider, Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        var database = await TestDatabase.CreateAsync(provider, migrateOnStart: false);
        try
        {
            var clock = new FakeClock(Start);
            var broker = new Broker();
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
            builder.Configuration.AddInMemoryCollection(database.Settings);
            builder.Services.AddLogging();
            builder.Services.AddSingleton<IClock>(clock);
            builder.Services.AddSingleton<ConsumerFaults>();
            builder.Services.AddSingleton<Deliveries>();
            builder.Services.AddSingleton<Publications>();
            builder.AddServiceDatabase<TestDb, SqliteTestDb, PostgresTestDb>("servicedefaults-tests");
            builder.Services.AddMassTransitTestHarness(bus => configureBus?.Invoke(bus));
            // What the dispatcher resolves as IBus: the harness's bus, behind the fault-injecting broker.
            builder.Services.AddSingleton<IBus>(services => broker.Wrap(services.GetRequiredService<IBusControl>()));

            var host = builder.Build();
            var service = new TestService(host, database, clock, broker);
            await service.WithDbAsync(db => db.Database.EnsureCreatedAsync());
            await service.Harness.Start();
            service.Harness.Bus.ConnectConsumeObserver(service.Deliveries);
            service.Harness.Bus.ConnectPublishObserver(service.Services.GetRequiredService<Publications>());
            return service;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>A dispatcher as another replica would run it: its own instance id, this service's database.</summary>
    public OutboxDispatcher<TestDb> CreateDispatcher(OutboxOptions? options = null) => new(
        Services.GetRequiredService<IServiceScopeFactory>(),
        Signal,
        Clock,
        Options.Create(options ?? new OutboxOptions()),
        Services.GetRequiredService<ILogger<OutboxDispatcher<TestDb>>>());

    /// <summary>Runs <paramref name="work"/> on a fresh context in its own scope, as one request would.</summary>
    public async Task<T> WithDbAsync<T>(Func<TestDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TestDb>());
    }

    public Task WithDbAsync(Func<TestDb, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>Commits one state change per event, each with its event, in its own SaveChanges.</summary>
    public async Task CommitAsync(params CaseOpened[] events)
    {
        foreach (var @event in events)
        {
            await WithDbAsync(async db =>
            {
                db.Tallies.Add(new Tally { Name = $"case-{@event.Number}", Count = 1 });
                db.Publish(@event);
                await db.SaveChangesAsync();
            });
        }
    }

    public Task<List<OutboxMessage>> OutboxAsync() =>
        WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());

    public Task<List<InboxMessage>> InboxAsync() =>
        WithDbAsync(db => db.InboxMessages.AsNoTracking().OrderBy(m => m.Consumer).ToListAsync());

    public Task<List<Tally>> TalliesAsync() =>
        WithDbAsync(db => db.Tallies.AsNoTracking().OrderBy(t => t.Name).ToListAsync());

    /// <summary>What the in-memory bus has published so far, in order, with the message ids it carried.</summary>
    public IReadOnlyList<(T Message, Guid? MessageId)> Published<T>() where T : class =>
        Services.GetRequiredService<Publications>().Of<T>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Harness.Stop();
            if (_host is IAsyncDisposable asyncHost)
            {
                await asyncHost.DisposeAsync();
            }
            else
            {
                _host.Dispose();
            }
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Makes the test consumers throw after they changed state, a given number of times.</summary>
public sealed class ConsumerFaults
{
    private int _failuresLeft;

    public void FailNext(int times) => Volatile.Write(ref _failuresLeft, times);

    public void ThrowIfArmed()
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("The consumer failed after changing state.");
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
    }
}
