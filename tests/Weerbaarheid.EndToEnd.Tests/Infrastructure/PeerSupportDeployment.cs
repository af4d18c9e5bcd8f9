using Grpc.Net.Client;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>What a test's own PeerSupport deployment looks like.</summary>
public sealed record PeerSupportDeploymentOptions
{
    /// <summary>How many PeerSupport processes share the database, each on ports of its own.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>Start a gateway of its own in front of the replicas (all of them destinations of the peer-support cluster).</summary>
    public bool WithGateway { get; init; } = true;

    /// <summary>
    /// Configuration for this test, as environment variables (<c>PeerSupport__Dispatch__AnswerWithinImmediate</c>
    /// = <c>00:00:03</c>); applied after the deployment's defaults, so they win.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Section <c>Database</c> for every replica, keys as in configuration (<c>Database:Provider</c>), e.g.
    /// <c>TestDatabase.Settings</c>; null: a SQLite file of the deployment's own, kept across restarts.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Database { get; init; }
}

/// <summary>
/// A PeerSupport deployment of one test's own, next to the suite's: one or more PeerSupport processes
/// (Development, so with the demo rota) on one database and the suite's broker, with the test's settings,
/// and optionally a gateway of its own in front. Replicas can be killed and started again on the same ports
/// and database. Disposing stops everything it started.
/// </summary>
public sealed class PeerSupportDeployment : IAsyncDisposable
{
    private readonly string _directory;
    private readonly List<PeerSupportNode> _replicas = [];
    private ServiceProcess? _gateway;
    private GrpcChannel? _channel;

    private PeerSupportDeployment(string directory)
    {
        _directory = directory;
    }

    public IReadOnlyList<PeerSupportNode> Replicas => _replicas;

    /// <summary>The replicas' SQLite file, when the deployment has no other database.</summary>
    public string SqliteDatabase => Path.Combine(_directory, "peer-support", "peer-support.db");

    /// <summary>DispatchService through the deployment's gateway (gRPC, h2c).</summary>
    public DispatchService.DispatchServiceClient Dispatch { get; private set; } = null!;

    /// <summary>RotaService through the deployment's gateway.</summary>
    public RotaService.RotaServiceClient Rota { get; private set; } = null!;

    /// <summary>The gateway's public HTTP/1.1 port (JSON, gRPC-Web), as a browser reaches it.</summary>
    public int GatewayHttpPort { get; private set; }

    /// <summary>What the replicas and the gateway wrote lately, to attach to a failure.</summary>
    public string Output => string.Join(Environment.NewLine,
        _replicas.Select(r => $"--- {r.Label} ---{Environment.NewLine}{r.Output}")
            .Append(_gateway is { } gateway ? $"--- gateway ---{Environment.NewLine}{gateway.Output}" : ""));

    public static async Task<PeerSupportDeployment> StartAsync(Broker broker, string parentDirectory, PeerSupportDeploymentOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Replicas, 1);
        var deployment = new PeerSupportDeployment(Path.Combine(parentDirectory, $"peer-support-{Guid.NewGuid().ToString("N")[..8]}"));
        try
        {
            await deployment.StartAsync(broker, options);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(Broker broker, PeerSupportDeploymentOptions options)
    {
        var gatewayHttp = FreePort.Next();
        for (var i = 0; i < options.Replicas; i++)
        {
            var grpc = FreePort.Next();
            var ops = FreePort.Next();
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Ports__Grpc"] = $"{grpc}",
                ["Ports__Ops"] = $"{ops}",
                ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
                ["Messaging__Outbox__PollInterval"] = "00:00:01",
                // Back to publishing soon after a broker outage.
                ["Messaging__Outbox__PublishTimeout"] = "00:00:05",
                ["Messaging__Outbox__MaxRetryDelay"] = "00:00:02",
                // A killed replica's claimed messages are taken over once this lease runs out (production: 2 minutes).
                ["Messaging__Outbox__LeaseDuration"] = "00:00:10",
                ["PeerSupport__PublicBaseUrl"] = $"http://127.0.0.1:{gatewayHttp}",
                ["PeerSupport__RunBackgroundJobs"] = "true",
            };
            if (options.Database is { } database)
            {
                foreach (var (key, value) in database)
                {
                    environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
                }
            }
            else
            {
                environment["Database__DataDirectory"] = Path.GetDirectoryName(SqliteDatabase)!;
            }

            foreach (var (key, value) in options.Settings)
            {
                environment[key] = value;
            }

            _replicas.Add(new PeerSupportNode($"peer-support-{i + 1}", grpc, ops, environment));
        }

        // The first replica migrates and seeds the database; the others then start on it together.
        // All at once, as an orchestrator starts them: on a fresh database they race to migrate and seed it.
        await Task.WhenAll(_replicas.Select(r => r.StartAsync()));

        if (options.WithGateway)
        {
            await StartGatewayAsync(gatewayHttp);
        }
    }

    private async Task StartGatewayAsync(int httpPort)
    {
        var grpcPort = FreePort.Next();
        var opsPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{httpPort}",
            ["Ports__Grpc"] = $"{grpcPort}",
            ["Ports__Ops"] = $"{opsPort}",
            // Offerings is not part of this deployment: a port nobody listens on.
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            // Shorter than production, so the gateway notices a restarted replica again within a second or two.
            ["ReverseProxy__Clusters__peer-support__HealthCheck__Active__Interval"] = "00:00:01",
            ["ReverseProxy__Clusters__peer-support__HealthCheck__Active__Timeout"] = "00:00:01",
            ["ReverseProxy__Clusters__peer-support__HealthCheck__Passive__ReactivationPeriod"] = "00:00:02",
        };
        for (var i = 0; i < _replicas.Count; i++)
        {
            var destination = i == 0 ? "primary" : $"replica{i + 1}";
            environment[$"ReverseProxy__Clusters__peer-support__Destinations__{destination}__Address"] = $"http://127.0.0.1:{_replicas[i].GrpcPort}";
        }

        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", opsPort, environment);
        GatewayHttpPort = httpPort;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Dispatch = new DispatchService.DispatchServiceClient(_channel);
        Rota = new RotaService.RotaServiceClient(_channel);
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _channel = null;
        if (_gateway is { } gateway)
        {
            _gateway = null;
            await gateway.DisposeAsync();
        }

        await Task.WhenAll(_replicas.Select(r => r.DisposeAsync().AsTask()));
        _replicas.Clear();
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned up by the OS.
        }
    }
}

/// <summary>
/// One PeerSupport process of a <see cref="PeerSupportDeployment"/>: its ports and configuration stay the
/// same across <see cref="KillAsync"/> and <see cref="StartAsync"/>, so a restart finds its database again
/// and the gateway finds it at the same address.
/// </summary>
public sealed class PeerSupportNode : IAsyncDisposable
{
    private const string Project = "services/PeerSupport/Weerbaarheid.PeerSupport";

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly GrpcChannel _channel;
    private readonly List<string> _earlierOutput = [];
    private ServiceProcess? _process;

    internal PeerSupportNode(string label, int grpcPort, int opsPort, IReadOnlyDictionary<string, string> environment)
    {
        Label = label;
        GrpcPort = grpcPort;
        OpsPort = opsPort;
        _environment = environment;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Dispatch = new DispatchService.DispatchServiceClient(_channel);
        Rota = new RotaService.RotaServiceClient(_channel);
    }

    public string Label { get; }
    public int GrpcPort { get; }
    public int OpsPort { get; }

    /// <summary>DispatchService of this replica, directly (not through a gateway).</summary>
    public DispatchService.DispatchServiceClient Dispatch { get; }

    /// <summary>RotaService of this replica, directly.</summary>
    public RotaService.RotaServiceClient Rota { get; }

    /// <summary>How many times the process was started (1 after the first start).</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the process (again) and waits until it is ready.</summary>
    public async Task StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException($"{Label} is running already.");
        }

        _process = await ServiceProcess.StartAsync(Project, OpsPort, _environment);
        Starts++;
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would; its database stays as the crash left it.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException($"{Label} is not running.");
        _process = null;
        try
        {
            await process.KillAsync();
        }
        finally
        {
            _earlierOutput.Add($"(start {Starts}, killed){Environment.NewLine}{process.Output}");
            await process.DisposeAsync();
        }
    }

    /// <summary>What <c>/health/ready</c> says now.</summary>
    public Task<string> ReadinessAsync() => _process?.ReadinessAsync() ?? Task.FromResult("not running");

    /// <summary>The output of this and earlier (killed) runs.</summary>
    public string Output => string.Join(Environment.NewLine, _earlierOutput.Append(_process?.Output ?? "(not running)"));

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }
}
