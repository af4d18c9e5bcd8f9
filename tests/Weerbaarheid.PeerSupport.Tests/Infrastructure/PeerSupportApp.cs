using Grpc.Net.Client;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Grpc;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// The PeerSupport service in process, as Program.cs builds it, in Development (so the
/// <see cref="DemoRota"/> is seeded), with four test seams: its own SQLite database
/// (<see cref="TestDatabase"/>), a <see cref="FakeClock"/> starting at <see cref="Start"/>, MassTransit's
/// in-memory test harness in place of RabbitMQ (the outbox publishes to it, and the service's own consumers
/// run on it), and no background jobs: tests run <c>ShiftNoticeScheduler</c> and <c>CoverageWatch</c>
/// themselves through <see cref="InScopeAsync{TService,TResult}"/>.
/// </summary>
public sealed class PeerSupportApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<RotaGrpcService>
{
    /// <summary>Monday 23 March 2026, 01:00 in Amsterdam (CET); summer time starts on Sunday the 29th.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 23, 0, 0);

    private static readonly TimeSpan HarnessLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private GrpcChannel? _channel;

    public FakeClock Clock { get; } = new(Start);

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>A caller without a token.</summary>
    public RotaClient Anonymous => new(Channel.CreateCallInvoker());

    /// <summary>The coordinator of <paramref name="region"/> (a slug, e.g. "amsterdam"); the demo rota makes demo-{region}-1 that.</summary>
    public RotaClient Coordinator(string region) => As(DemoRota.Id(region, 1), region, Roles.TcoCoordinator);

    /// <summary>TCO member <paramref name="memberId"/> of <paramref name="region"/>.</summary>
    public RotaClient Member(string memberId, string region) => As(memberId, region, Roles.TcoMember);

    /// <summary>A system client that may read who is on call.</summary>
    public RotaClient SystemReader => As("meldkamer-dispatch", null, Roles.SystemPeerSupportRead);

    public RotaClient As(string subject, string? region, params string[] roles) =>
        new(Channel.CreateCallInvoker(), DevelopmentTokens.Mint(subject, roles, region: region));

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
    });

    /// <summary>Runs <paramref name="action"/> with a scoped service, as the background jobs would.</summary>
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>Publishes <paramref name="message"/> on the harness bus, as another service would through RabbitMQ.</summary>
    public async Task PublishAsync<T>(T message)
        where T : class
    {
        await Harness.Bus.Publish(message);
        using var timeout = new CancellationTokenSource(EventTimeout);
        Assert.True(await Harness.Consumed.Any<T>(c => ReferenceEquals(c.Context.Message, message) || c.Context.Message.Equals(message), timeout.Token),
            $"{typeof(T).Name} was not consumed.");
        await SettledAsync();
    }

    /// <summary>The first published <typeparamref name="T"/> that matches, once the outbox has published it (waiting up to 15 s).</summary>
    public async Task<T> PublishedAsync<T>(Func<T, bool> matches, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(EventTimeout);
        Assert.True(await Harness.Published.Any<T>(p => matches(p.Context.Message), timeout.Token), $"{typeof(T).Name} {what} was not published.");
        return Harness.Published.Select<T>(p => matches(p.Context.Message)).First().Context.Message;
    }

    /// <summary>Every <typeparamref name="T"/> published so far that matches, without waiting; see <see cref="SettledAsync"/>.</summary>
    public IReadOnlyList<T> PublishedSoFar<T>(Func<T, bool>? matches = null)
        where T : class =>
        Harness.Published.Select<T>(new CancellationToken(canceled: true))
            .Select(p => p.Context.Message)
            .Where(m => matches is null || matches(m))
            .ToList();

    /// <summary>
    /// Waits until everything committed so far has been published and every published <see cref="RotaChanged"/>
    /// has been handled by the service's own consumer (which may queue a <see cref="CoverageGapDetected"/>), so
    /// "published once, not twice" can be asserted on <see cref="PublishedSoFar{T}"/>.
    /// </summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        var quietRounds = 0;
        while (quietRounds < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox and the RotaChanged consumer did not settle within 15 s.");
            await Task.Delay(25);
            var pending = await InScopeAsync<PeerSupportDbContext, int>(db => db.OutboxMessages.CountAsync());
            var published = PublishedSoFar<RotaChanged>().Count;
            var consumed = Harness.Consumed.Select<RotaChanged>(new CancellationToken(canceled: true)).Count();
            quietRounds = pending == 0 && consumed >= published ? quietRounds + 1 : 0;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("PeerSupport:RunBackgroundJobs", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            // Replaces the RabbitMQ bus: the outbox dispatcher publishes to the in-memory harness, where the
            // service's consumers (certificates, RotaChanged → coverage watch) run too. Long harness timeouts:
            // a host lives for a whole test class; each wait brings its own limit.
            services.AddMassTransitTestHarness(bus => bus.SetTestTimeouts(HarnessLifetime, HarnessLifetime));
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _channel?.Dispose();
        }

        base.Dispose(disposing);
    }
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
