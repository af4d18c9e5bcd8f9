extern alias Server;

using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Weerbaarheid.Testing;
using OfferingsGrpcService = Server::Weerbaarheid.Offerings.Grpc.OfferingsGrpcService;

namespace Weerbaarheid.Offerings.Client.Tests.Infrastructure;

/// <summary>
/// The real Offerings service in process, as its Program.cs builds it, on a database of its own with the
/// programme's catalogue seeded, and MassTransit's in-memory harness in place of RabbitMQ. Shared by the
/// test classes that only read the catalogue.
/// </summary>
public sealed class OfferingsServer : IAsyncLifetime
{
    private TestDatabase? _database;
    private Factory? _factory;

    public Uri Address => _factory!.Server.BaseAddress;

    /// <summary>A handler into the test server, for the client's gRPC channel.</summary>
    public HttpMessageHandler CreateHandler() => _factory!.Server.CreateHandler();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(ServiceDefaults.Persistence.DatabaseProvider.Sqlite);
        _factory = new Factory(_database.Settings);
        _ = _factory.Server; // start now: migrations and the seed run before the first call
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<OfferingsGrpcService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(Environments.Development);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services => services.AddMassTransitTestHarness());
        }
    }
}
