using Grpc.Net.Client;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The running suite, started once for all end-to-end tests: RabbitMQ in a container, the Offerings
/// service and the gateway in front of it, each a child process on free ports of 127.0.0.1.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"weerbaarheid-e2e-{Guid.NewGuid():N}");
    private ServiceProcess? _offerings;
    private ServiceProcess? _gateway;
    private GrpcChannel? _channel;

    public Broker Broker { get; private set; } = null!;

    /// <summary>The gateway's h2c port: gRPC.</summary>
    public int GatewayGrpcPort { get; } = FreePort.Next();

    /// <summary>The gateway's public HTTP/1.1 port: JSON.</summary>
    public int GatewayHttpPort { get; } = FreePort.Next();

    /// <summary>The Offerings service's SQLite file, to look into its outbox.</summary>
    public string OfferingsDatabase => Path.Combine(_dataDirectory, "offerings", "offerings.db");

    /// <summary>The folder for the tests' own files (the test consumers' databases).</summary>
    public string ScratchDirectory => Path.Combine(_dataDirectory, "tests");

    /// <summary>The Offerings client through the gateway's gRPC port.</summary>
    public OfferingsService.OfferingsServiceClient Offerings { get; private set; } = null!;

    /// <summary>JSON through the gateway's public port.</summary>
    public HttpClient Json { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Leave no broker or service processes behind when one of them fails to come up.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Directory.CreateDirectory(ScratchDirectory);
        Broker = await Broker.StartNewAsync();

        var offeringsGrpc = FreePort.Next();
        var offeringsOps = FreePort.Next();
        _offerings = await ServiceProcess.StartAsync("services/Offerings/Weerbaarheid.Offerings", offeringsOps, new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{offeringsGrpc}",
            ["Ports__Ops"] = $"{offeringsOps}",
            ["Database__DataDirectory"] = Path.Combine(_dataDirectory, "offerings"),
            ["Messaging__RabbitMqUrl"] = Broker.AmqpUrl.ToString(),
            ["Messaging__Outbox__PollInterval"] = "00:00:01",
            // Shorter than production so the outage test does not wait long after the broker is back.
            ["Messaging__Outbox__PublishTimeout"] = "00:00:05",
            ["Messaging__Outbox__MaxRetryDelay"] = "00:00:05",
        });

        var gatewayOps = FreePort.Next();
        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", gatewayOps, new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{GatewayHttpPort}",
            ["Ports__Grpc"] = $"{GatewayGrpcPort}",
            ["Ports__Ops"] = $"{gatewayOps}",
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{offeringsGrpc}",
            ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
            ["Gateway__AnonymousRateLimit__Burst"] = "1000",
        });

        // h2c: a plain http:// address makes Grpc.Net.Client speak HTTP/2 without TLS.
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GatewayGrpcPort}");
        Offerings = new OfferingsService.OfferingsServiceClient(_channel);
        Json.BaseAddress = new Uri($"http://127.0.0.1:{GatewayHttpPort}");
    }

    /// <summary>What the services wrote lately, to attach to a failure.</summary>
    public string ServiceOutput =>
        $"--- {_offerings?.Name} ---{Environment.NewLine}{_offerings?.Output}{Environment.NewLine}" +
        $"--- {_gateway?.Name} ---{Environment.NewLine}{_gateway?.Output}";

    public async Task DisposeAsync()
    {
        Json.Dispose();
        _channel?.Dispose();
        _channel = null;
        if (_gateway is { } gateway)
        {
            _gateway = null;
            await gateway.DisposeAsync();
        }

        if (_offerings is { } offerings)
        {
            _offerings = null;
            await offerings.DisposeAsync();
        }

        if (Broker is { } broker)
        {
            Broker = null!;
            await broker.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned up by the OS.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<Suite>
{
    public const string Name = "Running suite";
}
