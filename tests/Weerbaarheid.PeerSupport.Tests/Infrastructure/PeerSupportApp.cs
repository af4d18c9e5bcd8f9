using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Grpc;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// The PeerSupport service in process (<see cref="ServiceApp{TEntryPoint,TContext}"/>), in Development (so the
/// <see cref="DemoRota"/> is seeded): its own SQLite database (<see cref="TestDatabase"/>), a clock starting at
/// <see cref="Start"/>, the harness bus (the service's own consumers run on it: certificates, RotaChanged →
/// coverage watch), and no background jobs: tests run <c>ShiftNoticeScheduler</c> and <c>CoverageWatch</c>
/// themselves through <see cref="ServiceApp{TEntryPoint,TContext}.InScopeAsync{TService,TResult}"/>.
/// </summary>
public sealed class PeerSupportApp(IReadOnlyDictionary<string, string?> settings)
    : ServiceApp<RotaGrpcService, PeerSupportDbContext>(settings, Start)
{
    /// <summary>Monday 23 March 2026, 01:00 in Amsterdam (CET); summer time starts on Sunday the 29th.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 23, 0, 0);

    /// <summary>A caller without a token.</summary>
    public RotaClient Anonymous => new(Invoker);

    /// <summary>The coordinator of <paramref name="region"/> (a slug, e.g. "amsterdam"); the demo rota makes demo-{region}-1 that.</summary>
    public RotaClient Coordinator(string region) => As(DemoRota.Id(region, 1), region, Roles.TcoCoordinator);

    /// <summary>TCO member <paramref name="memberId"/> of <paramref name="region"/>.</summary>
    public RotaClient Member(string memberId, string region) => As(memberId, region, Roles.TcoMember);

    /// <summary>A system client that may read who is on call.</summary>
    public RotaClient SystemReader => As("meldkamer-dispatch", null, Roles.SystemPeerSupportRead);

    public RotaClient As(string subject, string? region, params string[] roles) =>
        new(Invoker, DevelopmentTokens.Mint(subject, roles, region: region));

    /// <summary>Publishes <paramref name="message"/> on the harness bus, as another service would through RabbitMQ.</summary>
    public Task PublishAsync<T>(T message)
        where T : class =>
        PublishAsync(message, consumed => ReferenceEquals(consumed, message) || consumed.Equals(message));

    /// <summary>The first published <typeparamref name="T"/> that matches, once the outbox has published it (waiting up to 15 s).</summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> matches, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(EventTimeout);
        Assert.True(await Harness.Published.Any<T>(p => matches(p.Context.Message), timeout.Token), $"{typeof(T).Name} {what} was not published.");
        return Harness.Published.Select<T>(p => matches(p.Context.Message)).First().Context.Message;
    }

    /// <summary>
    /// Settled also means every published <see cref="RotaChanged"/> has been handled by the service's own consumer
    /// (which may queue a <see cref="CoverageGapDetected"/>), so "published once, not twice" can be asserted.
    /// </summary>
    protected override Task<bool> IsQuietAsync()
    {
        var published = PublishedSoFar<RotaChanged>().Count;
        var consumed = Harness.Consumed.Select<RotaChanged>(new CancellationToken(canceled: true)).Count();
        return Task.FromResult(consumed >= published);
    }

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("PeerSupport:RunBackgroundJobs", "false");
}

/// <summary>
/// One running service on a SQLite database of its own, as a class fixture: every test class that uses it
/// gets a fresh demo rota and a clock at <see cref="PeerSupportApp.Start"/>. Disposing drops the database.
/// A subclass passes settings of its own (e.g. a shorter stream heartbeat) for the classes that need them.
/// </summary>
public class PeerSupportHost : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private TestDatabase? _database;

    public PeerSupportHost()
        : this(new Dictionary<string, string?>())
    {
    }

    protected PeerSupportHost(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public PeerSupportApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        var all = new Dictionary<string, string?>(_database.Settings);
        foreach (var (key, value) in _settings)
        {
            all[key] = value;
        }

        App = new PeerSupportApp(all);
        _ = App.Server; // start now: migrations and the seeders run before the first call
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
