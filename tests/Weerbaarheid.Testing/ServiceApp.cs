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
using Weerbaarheid.ServiceDefaults.Persistence;
using Xunit;

namespace Weerbaarheid.Testing;

/// <summary>
/// A service in process, as its Program.cs builds it, in Development (so development tokens are accepted),
/// with the test seams every service's tests use: a <see cref="FakeClock"/>, MassTransit's in-memory test
/// harness in place of RabbitMQ (the outbox publishes to it, and the service's consumers run on it), a gRPC
/// channel over the test server, and ways to publish events and wait for the outbox. A subclass adds its
/// service's settings (<see cref="ConfigureService"/>) and clients.
/// </summary>
public abstract class ServiceApp<TEntryPoint, TContext>(
    IReadOnlyDictionary<string, string?> settings, Instant start, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
    where TContext : ServiceDbContext
{
    protected static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(15);

    // A host lives for a whole test class; each wait brings its own limit.
    private static readonly TimeSpan HarnessLifetime = TimeSpan.FromMinutes(30);

    private GrpcChannel? _channel;

    public FakeClock Clock { get; } = new(start);

    public ITestHarness Harness => Services.GetRequiredService<ITestHarness>();

    /// <summary>An invoker over the test server; clients wrap it with a token.</summary>
    public Grpc.Core.CallInvoker Invoker => Channel.CreateCallInvoker();

    protected GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
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
    public Task<TResult> DbAsync<TResult>(Func<TContext, Task<TResult>> query) => InScopeAsync(query);

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
    /// Waits until everything committed so far has left the outbox (and <see cref="IsQuietAsync"/> agrees), so
    /// "not published" and "published once" can be asserted on <see cref="PublishedSoFar{T}"/>.
    /// </summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + EventTimeout;
        var quietRounds = 0;
        while (quietRounds < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The service did not settle (outbox empty, consumers done) within 15 s.");
            await Task.Delay(25);
            var pending = await DbAsync(db => db.OutboxMessages.CountAsync());
            quietRounds = pending == 0 && await IsQuietAsync() ? quietRounds + 1 : 0;
        }
    }

    /// <summary>Nothing listens on the discard port, so every call to Offerings fails at once with UNAVAILABLE.</summary>
    public const string UnreachableOfferings = "http://127.0.0.1:9";

    /// <summary>
    /// For services that recommend offerings: Offerings is unreachable, and fails fast (one attempt, a short
    /// deadline, a breaker that opens after two failures), so recommendations come from the local copy that
    /// published OfferingChanged events fill; the primer, failing at start, waits an hour before trying again.
    /// </summary>
    protected static void UseUnreachableOfferings(IWebHostBuilder builder)
    {
        builder.UseSetting("Offerings:Address", UnreachableOfferings);
        builder.UseSetting("Offerings:MaxAttempts", "1");
        builder.UseSetting("Offerings:Deadline", "00:00:01");
        builder.UseSetting("Offerings:BreakerMinimumThroughput", "2");
        builder.UseSetting("Offerings:BreakDuration", "00:01:00");
        builder.UseSetting("Offerings:PrimerRetryDelay", "01:00:00");
        builder.UseSetting("Offerings:PrimerMaxRetryDelay", "01:00:00");
    }

    /// <summary>What else must be done before the service counts as settled (e.g. its own consumers of its own events).</summary>
    protected virtual Task<bool> IsQuietAsync() => Task.FromResult(true);

    /// <summary>The service's own test settings (e.g. no background jobs); the test's settings are applied after, and win.</summary>
    protected abstract void ConfigureService(IWebHostBuilder builder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        ConfigureService(builder);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IClock>();
            services.AddSingleton<IClock>(Clock);
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
