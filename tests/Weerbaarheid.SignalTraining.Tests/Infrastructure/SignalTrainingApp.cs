using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Infrastructure;

/// <summary>
/// The SignalTraining service in process (<see cref="ServiceApp{TEntryPoint,TContext}"/>): its own database
/// (<see cref="TestDatabase"/>), a clock starting at <see cref="Start"/>, the harness bus, no background jobs
/// (tests run the certificate scheduler by hand), and Offerings unreachable, so recommendations come from
/// the local copy that published <c>OfferingChanged</c> events fill.
/// </summary>
public sealed class SignalTrainingApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : ServiceApp<SignalTrainingOptions, SignalTrainingDbContext>(settings, Start, configureServices)
{
    /// <summary>Monday 1 March 2027, 09:30 in Amsterdam (CET).</summary>
    public static readonly Instant Start = Instant.FromUtc(2027, 3, 1, 8, 30);

    /// <summary>A development token for <paramref name="subject"/> (a police employee number) with <paramref name="roles"/>.</summary>
    public static string TokenFor(string subject, params string[] roles) => DevelopmentTokens.Mint(subject, roles);

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("SignalTraining:RunBackgroundJobs", "false");
        UseUnreachableOfferings(builder);
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
