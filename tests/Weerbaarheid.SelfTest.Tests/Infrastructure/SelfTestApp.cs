using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.SelfTest.Data;
using Weerbaarheid.SelfTest.Grpc;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>
/// The SelfTest service in process (<see cref="ServiceApp{TEntryPoint,TContext}"/>): its own database
/// (<see cref="TestDatabase"/>), a clock starting at <see cref="Start"/>, the harness bus (the service's
/// OfferingChanged consumer runs on it), no background jobs (tests run
/// <see cref="SelfTestStore.ReleaseCompletionsAsync"/> and <see cref="SelfTestStore.PurgeExpiredAsync"/>
/// themselves), and Offerings unreachable, so recommendations always come from the local copy that published
/// <see cref="OfferingChanged"/> events fill.
/// </summary>
public sealed class SelfTestApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : ServiceApp<SelfTestGrpcService, SelfTestDbContext>(settings, Start, configureServices)
{
    /// <summary>Wednesday 25 November 2026, 11:00 in Amsterdam (CET): ISO week 2026-W48.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 25, 10, 0);

    /// <summary>The ISO week of <see cref="Start"/>, the only time a self-test keeps.</summary>
    public const string StartWeek = "2026-W48";

    /// <summary>
    /// The first day a self-test started in <see cref="StartWeek"/> no longer exists: that week's Monday
    /// (23 November) plus a week plus the 30 days' retention.
    /// </summary>
    public static readonly LocalDate ExpiresOn = new(2026, 12, 30);

    private readonly List<GrpcChannel> _channels = [];

    /// <summary>A caller without a bearer token, as everyone taking a self-test is.</summary>
    public SelfTestClient Anonymous => new(Channel.CreateCallInvoker());

    /// <summary>A signed-in caller (a development token for <paramref name="subject"/> with <paramref name="roles"/>).</summary>
    public SelfTestClient As(string subject, params string[] roles) =>
        new(Channel.CreateCallInvoker(), DevelopmentTokens.Mint(subject, roles));

    public SelfTestClient ProgrammeAdmin => As("programma-beheer", Roles.ProgrammeAdmin);

    /// <summary>
    /// A caller whose HTTP requests carry <paramref name="headers"/> as well (e.g. User-Agent and
    /// X-Forwarded-For, replacing the client's own), on a channel of its own.
    /// </summary>
    public SelfTestClient WithHeaders(IReadOnlyDictionary<string, string> headers, string? bearerToken = null)
    {
        var channel = GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = new HeaderHandler(headers) { InnerHandler = Server.CreateHandler() },
        });
        lock (_channels)
        {
            _channels.Add(channel);
        }

        return new SelfTestClient(channel.CreateCallInvoker(), bearerToken);
    }

    /// <summary>Announces the finished self-tests not announced yet, as the hourly job does; returns how many.</summary>
    public Task<int> ReleaseCompletionsAsync() =>
        InScopeAsync<SelfTestStore, int>(store => store.ReleaseCompletionsAsync(CancellationToken.None));

    /// <summary>Deletes the expired self-tests, as the hourly job does; returns how many.</summary>
    public Task<int> PurgeExpiredAsync() =>
        InScopeAsync<SelfTestStore, int>(store => store.PurgeExpiredAsync(CancellationToken.None));

    /// <summary>Waits (up to 15 s) until <paramref name="count"/> matching <typeparamref name="T"/> have been published.</summary>
    public async Task<IReadOnlyList<T>> PublishedAsync<T>(int count, Func<T, bool> matches, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        while (PublishedSoFar(matches).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} {typeof(T).Name} {what} were not published within {EventTimeout.TotalSeconds} s.");
            await Task.Delay(25);
        }

        return PublishedSoFar(matches);
    }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("SelfTest:RunBackgroundJobs", "false");
        UseUnreachableOfferings(builder);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_channels)
            {
                _channels.ForEach(c => c.Dispose());
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Sets headers on every request, replacing what the gRPC client put there (its own User-Agent).</summary>
    private sealed class HeaderHandler(IReadOnlyDictionary<string, string> headers) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.Remove(name);
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>
/// One running service on a database of its own, as a class fixture (SQLite), or started by a test for a
/// provider of its choice (<see cref="StartAsync"/>). Disposing stops the service and drops the database.
/// A subclass passes settings or services of its own for the classes that need them.
/// </summary>
public class SelfTestHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly DatabaseProvider _provider;

    public SelfTestHost()
        : this(new Dictionary<string, string?>())
    {
    }

    protected SelfTestHost(
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _settings = settings;
        _configureServices = configureServices;
        _provider = provider;
    }

    public SelfTestApp App { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>A started service on a fresh <paramref name="provider"/> database; dispose it at the end of the test.</summary>
    public static async Task<SelfTestHost> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? configureServices = null)
    {
        var host = new SelfTestHost(new Dictionary<string, string?>(), configureServices, provider);
        await host.InitializeAsync();
        return host;
    }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(_provider);
        var all = new Dictionary<string, string?>(Database.Settings);
        foreach (var (key, value) in _settings)
        {
            all[key] = value;
        }

        App = new SelfTestApp(all, _configureServices);
        _ = App.Server; // start now: the migrations run before the first call
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
