using Grpc.Core;
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
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Infrastructure;

/// <summary>
/// The SignalTraining service in process, as Program.cs builds it, in Development (so development tokens are
/// accepted), with its test seams: its own database (<see cref="TestDatabase"/>), a <see cref="FakeClock"/>
/// starting at <see cref="Start"/>, MassTransit's in-memory test harness in place of RabbitMQ, no background
/// jobs (tests run them by hand), and Offerings at an address where nothing listens, so recommendations come
/// from the local copy that published <c>OfferingChanged</c> events fill.
/// </summary>
public sealed class SignalTrainingApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<SignalTrainingOptions>
{
    /// <summary>Monday 1 March 2027, 09:30 in Amsterdam (CET).</summary>
    public static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 8, 30);

    /// <summary>Nothing listens on the discard port, so every call to Offerings fails at once with UNAVAILABLE.</summary>
    public const string UnreachableOfferings = "http://127.0.0.1:9";

    private static readonly TimeSpan HarnessLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    private GrpcChannel? _channel;

    public FakeClock Clock { get; } = new(Start);

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>The channel's invoker; test clients wrap it with a token.</summary>
    public CallInvoker Invoker => Channel.CreateCallInvoker();

    /// <summary>A development token for <paramref name="subject"/> (a police employee number) with <paramref name="roles"/>.</summary>
    public static string TokenFor(string subject, params string[] roles) => DevelopmentTokens.Mint(subject, roles);

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

    /// <summary>Reads the service's database directly.</summary>
    public Task<TResult> DbAsync<TResult>(Func<SignalTrainingDbContext, Task<TResult>> query) => InScopeAsync(query);

    /// <summary>
    /// Publishes <paramref name="message"/> on the harness bus, as another service would through RabbitMQ, and
    /// waits until a message that <paramref name="isConsumed"/> recognises has been consumed.
    /// </summary>
    public async Task PublishAsync<T>(T message, Func<T, bool> isConsumed)
        where T : class
    {
        await Harness.Bus.Publish(message);
        using var timeout = new CancellationTokenSource(EventTimeout);
        Assert.True(await Harness.Consumed.Any<T>(c => isConsumed(c.Context.Message), timeout.Token), $"{typeof(T).Name} was not consumed.");
        await SettledAsync();
    }

    /// <summary>Every <typeparamref name="T"/> published so far that matches, without waiting; see <see cref="SettledAsync"/>.</summary>
    public IReadOnlyList<T> PublishedSoFar<T>(Func<T, bool>? matches = null)
        where T : class =>
        Harness.Published.Select<T>(new CancellationToken(canceled: true))
            .Select(p => p.Context.Message)
            .Where(m => matches is null || matches(m))
            .ToList();

    /// <summary>
    /// Waits until everything committed so far has left the outbox, so "not published" and "published once"
    /// can be asserted on <see cref="PublishedSoFar{T}"/>.
    /// </summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        var quietRounds = 0;
        while (quietRounds < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The outbox did not empty within 15 s.");
            await Task.Delay(25);
            var pending = await DbAsync(db => db.OutboxMessages.CountAsync());
            quietRounds = pending == 0 ? quietRounds + 1 : 0;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("SignalTraining:RunBackgroundJobs", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Offerings:Address", UnreachableOfferings);
        // Fail fast: one attempt, a short deadline, and a breaker that opens after two failures.
        builder.UseSetting("Offerings:MaxAttempts", "1");
        builder.UseSetting("Offerings:Deadline", "00:00:01");
        builder.UseSetting("Offerings:BreakerMinimumThroughput", "2");
        builder.UseSetting("Offerings:BreakDuration", "00:01:00");
        // The primer fails at start (Offerings is unreachable); the events fill the copy instead.
        builder.UseSetting("Offerings:PrimerRetryDelay", "01:00:00");
        builder.UseSetting("Offerings:PrimerMaxRetryDelay", "01:00:00");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
            // Replaces the RabbitMQ bus: the outbox dispatcher publishes to the in-memory harness, where the
            // service's consumers run too. A host lives for a whole test class; each wait brings its own limit.
            services.AddMassTransitTestHarness(bus => bus.SetTestTimeouts(HarnessLifetime, HarnessLifetime));
            configureServices?.Invoke(services);
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
/// One running service on a database of its own, as a class fixture (SQLite), or started by a test for a
/// provider of its choice (<see cref="StartAsync"/>). Disposing stops the service and drops the database.
/// </summary>
public class SignalTrainingHost : IAsyncLifetime, IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private readonly DatabaseProvider _provider;

    public SignalTrainingHost()
        : this(new Dictionary<string, string?>())
    {
    }

    protected SignalTrainingHost(
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        _settings = settings;
        _configureServices = configureServices;
        _provider = provider;
    }

    public SignalTrainingApp App { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>A started service on a fresh <paramref name="provider"/> database; dispose it at the end of the test.</summary>
    public static async Task<SignalTrainingHost> StartAsync(
        DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var host = new SignalTrainingHost(settings ?? new Dictionary<string, string?>(), configureServices, provider);
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

        App = new SignalTrainingApp(all, _configureServices);
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
