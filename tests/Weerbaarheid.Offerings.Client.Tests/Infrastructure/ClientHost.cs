using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.Offerings.Client.Tests.Infrastructure;

/// <summary>
/// A service that recommends offerings, wired as a real one is: <c>AddServiceDatabase</c> on a database of
/// its own, <c>AddOfferingRecommendations</c>, and the copy consumer, with MassTransit's test harness as the
/// broker. Offerings is reached at <c>Offerings:Address</c>, or through <c>handler</c> (a test server). The
/// primer runs only when a test starts it (the harness starts every hosted service, and a primer started at
/// once would race the test); time in the circuit breaker moves only when a test moves it.
/// </summary>
public sealed class ClientHost : IAsyncDisposable
{
    public const string ServiceName = "client-tests";

    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 8, 30);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HarnessLifetime = TimeSpan.FromMinutes(5);

    private readonly IHost _host;
    private readonly TestDatabase _database;
    private OfferingCopyPrimer<CopyDb>? _primer;

    private ClientHost(IHost host, TestDatabase database)
    {
        _host = host;
        _database = database;
    }

    public IServiceProvider Services => _host.Services;

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>The circuit breaker's clock.</summary>
    public ManualTime Time => Services.GetRequiredService<ManualTime>();

    public static async Task<ClientHost> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        Func<HttpMessageHandler>? handler = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite,
        Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(provider, migrateOnStart: false);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
            builder.Configuration.AddInMemoryCollection(database.Settings);
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            builder.Services.AddSingleton<IClock>(new FakeClock(Start));
            builder.Services.AddSingleton(new ManualTime(Start.ToDateTimeOffset()));
            builder.Services.AddSingleton<TimeProvider>(services => services.GetRequiredService<ManualTime>());

            builder.AddServiceDatabase<CopyDb, SqliteCopyDb, PostgresCopyDb>("offerings-client-tests");
            builder.AddOfferingRecommendations<CopyDb>(ServiceName);
            builder.Services.Remove(builder.Services.Single(d => d.ImplementationType == typeof(OfferingCopyPrimer<CopyDb>)));
            // Each host lives for one test; the waits bring their own limits (DeliverAsync).
            builder.Services.AddMassTransitTestHarness(bus =>
            {
                bus.AddOfferingCopyConsumer<CopyDb>(ServiceName);
                bus.SetTestTimeouts(HarnessLifetime, HarnessLifetime);
            });
            if (handler is not null)
            {
                builder.Services.AddHttpClient(OfferingsClientOptions.ClientName).ConfigurePrimaryHttpMessageHandler(handler);
            }

            services?.Invoke(builder.Services);

            var host = new ClientHost(builder.Build(), database);
            await host.WithDbAsync(db => db.Database.EnsureCreatedAsync());
            await host.Harness.Start();
            return host;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks as a request of the service would: in a scope of its own.</summary>
    public async Task<RecommendationAnswer> RecommendAsync(
        Severity severity, Topic[]? topics = null, Audience audience = Audience.Unspecified, int maxResults = 0)
    {
        await using var scope = Services.CreateAsyncScope();
        var recommendations = scope.ServiceProvider.GetRequiredService<OfferingRecommendations>();
        return await recommendations.RecommendAsync(topics ?? [], severity, audience, maxResults, CancellationToken.None);
    }

    /// <summary>Publishes the event on the harness bus and waits until the copy consumer has handled it.</summary>
    public async Task DeliverAsync(OfferingChanged changed)
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(changed, context => context.MessageId = messageId);
        using var timeout = new CancellationTokenSource(Patience);
        Assert.True(await Harness.Consumed.Any<OfferingChanged>(m => m.Context.MessageId == messageId, timeout.Token),
            $"OfferingChanged({changed.Name}, {changed.Change}, version {changed.Version}) was not consumed.");
        // A cancelled token reads what was consumed so far, instead of waiting for more until the harness is idle.
        var consumed = Harness.Consumed.Select<OfferingChanged>(m => m.Context.MessageId == messageId, new CancellationToken(canceled: true)).Single();
        Assert.Null(consumed.Exception);
    }

    /// <summary>The local copy as stored, by name.</summary>
    public Task<List<CachedOffering>> CopyAsync() =>
        WithDbAsync(db => db.Set<CachedOffering>().AsNoTracking().OrderBy(o => o.Name).ToListAsync());

    public async Task AddToCopyAsync(params OfferingChanged[] changes)
    {
        await WithDbAsync(async db =>
        {
            db.AddRange(changes.Select(c => CachedOffering.Create(c.Name, c.Version, c.Offering, Instant.FromDateTimeOffset(c.ChangedAt))));
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>Starts the primer, as the host would on start, and waits until it has finished.</summary>
    public async Task PrimeAsync()
    {
        _primer = ActivatorUtilities.CreateInstance<OfferingCopyPrimer<CopyDb>>(Services);
        await _primer.StartAsync(CancellationToken.None);
        await _primer.ExecuteTask!.WaitAsync(Patience);
    }

    public async Task<T> WithDbAsync<T>(Func<CopyDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CopyDb>());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_primer is not null)
            {
                await _primer.StopAsync(CancellationToken.None);
            }

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

/// <summary>A clock the test moves by hand (the circuit breaker's break duration); timers still run in real time.</summary>
public sealed class ManualTime(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
