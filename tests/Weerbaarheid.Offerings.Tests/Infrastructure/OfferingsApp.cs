using Grpc.Net.Client;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Grpc;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.Offerings.Tests.Infrastructure;

/// <summary>
/// The Offerings service in process, as Program.cs builds it, with three test seams: its own database
/// (<see cref="TestDatabase"/>), a <see cref="FakeClock"/>, and MassTransit's in-memory test harness in place
/// of RabbitMQ, so what the outbox dispatcher publishes can be asserted.
/// </summary>
public sealed class OfferingsApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<OfferingsGrpcService>
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 8, 30);

    private static readonly TimeSpan HarnessLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(15);

    private GrpcChannel? _channel;

    public FakeClock Clock { get; } = new(Start);

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>A caller without a token (reads are anonymous).</summary>
    public OfferingsClient Anonymous => new(Channel.CreateCallInvoker());

    /// <summary>A programme administrator, who may change the catalogue.</summary>
    public OfferingsClient Admin => As("admin-1", Roles.ProgrammeAdmin);

    public OfferingsClient As(string subject, params string[] roles) =>
        new(Channel.CreateCallInvoker(), DevelopmentTokens.Mint(subject, roles));

    private GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
    });

    /// <summary>
    /// The <see cref="OfferingChanged"/> event for <paramref name="name"/> of this kind and version, once the
    /// outbox dispatcher has published it (waiting up to 15 s).
    /// </summary>
    public async Task<OfferingChanged> PublishedAsync(string name, OfferingChangeKind change, long version)
    {
        bool Matches(IPublishedMessage<OfferingChanged> published) =>
            published.Context.Message.Name == name
            && published.Context.Message.Change == change
            && published.Context.Message.Version == version;

        using var timeout = new CancellationTokenSource(PublishTimeout);
        Assert.True(await Harness.Published.Any<OfferingChanged>(Matches, timeout.Token),
            $"OfferingChanged({name}, {change}, version {version}) was not published.");
        return Harness.Published.Select<OfferingChanged>(Matches).First().Context.Message;
    }

    /// <summary>Every <see cref="OfferingChanged"/> published so far (for <paramref name="name"/>, when given), without waiting.</summary>
    public IReadOnlyList<OfferingChanged> PublishedSoFar(string? name = null) =>
        Harness.Published.Select<OfferingChanged>(new CancellationToken(canceled: true))
            .Select(p => p.Context.Message)
            .Where(m => name is null || m.Name == name)
            .ToList();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            // Replaces the RabbitMQ bus: the outbox dispatcher publishes to the in-memory harness. The harness
            // stops observing after its timeouts; a shared host lives longer than one test, so they are long
            // here and each wait brings its own limit (PublishedAsync).
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
/// One running service on a database of its own: as a class fixture on SQLite, or started by a test on
/// either provider. <see cref="RestartAsync"/> stops it and starts a new host on the same database, as a
/// redeploy would. Disposing drops the database.
/// </summary>
public sealed class OfferingsHost : IAsyncLifetime, IAsyncDisposable
{
    private TestDatabase? _database;
    private bool _disposed;

    public OfferingsApp App { get; private set; } = null!;

    public static async Task<OfferingsHost> StartAsync(DatabaseProvider provider)
    {
        var host = new OfferingsHost();
        await host.StartOnAsync(provider);
        return host;
    }

    Task IAsyncLifetime.InitializeAsync() => StartOnAsync(DatabaseProvider.Sqlite);

    public async Task RestartAsync()
    {
        await App.DisposeAsync();
        Start();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task StartOnAsync(DatabaseProvider provider)
    {
        _database = await TestDatabase.CreateAsync(provider);
        try
        {
            Start();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private void Start()
    {
        App = new OfferingsApp(_database!.Settings);
        _ = App.Server; // start now: migrations and the seed run before the first call
    }
}
