using Grpc.Net.Client;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The running suite, started once for all end-to-end tests: RabbitMQ in a container, the Offerings and
/// PeerSupport services (PeerSupport in Development, so with its demo rota) and the gateway in front of
/// them, each a child process on free ports of 127.0.0.1.
/// </summary>
public sealed class Suite : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"weerbaarheid-e2e-{Guid.NewGuid():N}");
    private ServiceProcess? _offerings;
    private ServiceProcess? _peerSupport;
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

    /// <summary>The PeerSupport rota client through the gateway's gRPC port.</summary>
    public RotaService.RotaServiceClient Rota { get; private set; } = null!;

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

        // The services do not depend on each other: start both at once.
        var offeringsGrpc = FreePort.Next();
        var offeringsOps = FreePort.Next();
        var offerings = ServiceProcess.StartAsync("services/Offerings/Weerbaarheid.Offerings", offeringsOps, new Dictionary<string, string>
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
        var peerSupportGrpc = FreePort.Next();
        var peerSupportOps = FreePort.Next();
        var peerSupport = ServiceProcess.StartAsync("services/PeerSupport/Weerbaarheid.PeerSupport", peerSupportOps, new Dictionary<string, string>
        {
            // Development seeds the demo rota (demo-{region}-1..6), so GetOnCall answers from the start.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Ports__Grpc"] = $"{peerSupportGrpc}",
            ["Ports__Ops"] = $"{peerSupportOps}",
            ["Database__DataDirectory"] = Path.Combine(_dataDirectory, "peer-support"),
            ["Messaging__RabbitMqUrl"] = Broker.AmqpUrl.ToString(),
            ["Messaging__Outbox__PollInterval"] = "00:00:01",
            // As for Offerings: back to publishing soon after the outage test brings the broker back.
            ["Messaging__Outbox__PublishTimeout"] = "00:00:05",
            ["Messaging__Outbox__MaxRetryDelay"] = "00:00:05",
            ["PeerSupport__PublicBaseUrl"] = $"http://127.0.0.1:{GatewayHttpPort}",
        });
        try
        {
            await Task.WhenAll(offerings, peerSupport);
        }
        finally
        {
            // Whichever came up is disposed with the suite, also when the other did not.
            _offerings = offerings.IsCompletedSuccessfully ? offerings.Result : null;
            _peerSupport = peerSupport.IsCompletedSuccessfully ? peerSupport.Result : null;
        }

        var gatewayOps = FreePort.Next();
        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", gatewayOps, new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{GatewayHttpPort}",
            ["Ports__Grpc"] = $"{GatewayGrpcPort}",
            ["Ports__Ops"] = $"{gatewayOps}",
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{offeringsGrpc}",
            ["ReverseProxy__Clusters__peer-support__Destinations__primary__Address"] = $"http://127.0.0.1:{peerSupportGrpc}",
            ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
            ["Gateway__AnonymousRateLimit__Burst"] = "1000",
        });

        // h2c: a plain http:// address makes Grpc.Net.Client speak HTTP/2 without TLS.
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GatewayGrpcPort}");
        Offerings = new OfferingsService.OfferingsServiceClient(_channel);
        Rota = new RotaService.RotaServiceClient(_channel);
        Json.BaseAddress = new Uri($"http://127.0.0.1:{GatewayHttpPort}");
    }

    /// <summary>
    /// Waits until PeerSupport is connected to the broker with its receive endpoints bound (readiness
    /// Healthy, not Degraded): the services start serving before that, and an event published to an
    /// exchange with no queue bound yet is dropped by RabbitMQ.
    /// </summary>
    public async Task PeerSupportConsumingAsync()
    {
        var service = _peerSupport ?? throw new InvalidOperationException("PeerSupport is not running.");
        var last = "";
        await Eventually.HoldsAsync(async () => (last = await service.ReadinessAsync()) == "Healthy",
            "PeerSupport is connected to the broker and its consumers' queues are bound (readiness Healthy)",
            TimeSpan.FromSeconds(90), () => $"Last readiness: {last}{Environment.NewLine}{ServiceOutput}");
    }

    /// <summary>
    /// Starts a PeerSupport deployment of the calling test's own on the suite's broker: its own database,
    /// its own settings (e.g. short acceptance windows), one or more replicas, optionally its own gateway.
    /// The suite's own PeerSupport and gateway are left alone. The test disposes it.
    /// </summary>
    public Task<PeerSupportDeployment> StartPeerSupportAsync(PeerSupportDeploymentOptions? options = null) =>
        PeerSupportDeployment.StartAsync(Broker, _dataDirectory, options ?? new PeerSupportDeploymentOptions());

    /// <summary>SelfTest with an Offerings service and a gateway of its own, on the suite's broker; the test disposes it.</summary>
    public Task<SelfTestDeployment> StartSelfTestAsync() => SelfTestDeployment.StartAsync(Broker, _dataDirectory);

    /// <summary>
    /// SignalTraining with a gateway of its own, on the suite's broker, with <paramref name="settings"/> (e.g. short
    /// certificate validity); its certificate events reach the suite's PeerSupport. The test disposes it.
    /// </summary>
    public Task<SignalTrainingDeployment> StartSignalTrainingAsync(IReadOnlyDictionary<string, string> settings) =>
        SignalTrainingDeployment.StartAsync(Broker, _dataDirectory, settings);

    /// <summary>What the services wrote lately, to attach to a failure.</summary>
    public string ServiceOutput => string.Join(Environment.NewLine,
        new[] { _offerings, _peerSupport, _gateway }.OfType<ServiceProcess>().Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Output}"));

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

        if (_peerSupport is { } peerSupport)
        {
            _peerSupport = null;
            await peerSupport.DisposeAsync();
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
