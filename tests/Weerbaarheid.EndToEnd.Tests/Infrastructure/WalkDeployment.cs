namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SelfTest and SignalTraining behind a gateway of their own, on the suite's broker, for the authorization
/// walk: the suite's gateway fronts only Offerings and PeerSupport, and its calls to the other two would fail
/// as Unavailable. The gateway is the same build with the same routes (appsettings.json); only its
/// destinations differ. Offerings and PeerSupport are ports nobody listens on here. The test disposes it.
/// </summary>
public sealed class WalkDeployment : IAsyncDisposable
{
    private readonly string _directory;
    private ServiceProcess? _selfTest;
    private ServiceProcess? _signalTraining;
    private ServiceProcess? _gateway;

    private WalkDeployment(string directory) => _directory = directory;

    /// <summary>The gateway's h2c port: gRPC.</summary>
    public int GatewayGrpcPort { get; } = FreePort.Next();

    /// <summary>The gateway's public HTTP/1.1 port: JSON.</summary>
    public int GatewayHttpPort { get; } = FreePort.Next();

    public string Output => string.Join(Environment.NewLine,
        new[] { _selfTest, _signalTraining, _gateway }.OfType<ServiceProcess>().Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Output}"));

    public static async Task<WalkDeployment> StartAsync(Broker broker, string parentDirectory)
    {
        var deployment = new WalkDeployment(Path.Combine(parentDirectory, $"walk-{Guid.NewGuid():N}"));
        try
        {
            await deployment.StartProcessesAsync(broker);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync(Broker broker)
    {
        var selfTestGrpc = FreePort.Next();
        var selfTestOps = FreePort.Next();
        var selfTest = ServiceProcess.StartAsync("services/SelfTest/Weerbaarheid.SelfTest", selfTestOps, new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{selfTestGrpc}",
            ["Ports__Ops"] = $"{selfTestOps}",
            ["Database__DataDirectory"] = Path.Combine(_directory, "self-test"),
            ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
            // No Offerings here: SelfTest copes (its recommendations fall back), and the walk only checks access.
            ["Offerings__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        var signalTrainingGrpc = FreePort.Next();
        var signalTrainingOps = FreePort.Next();
        var signalTraining = ServiceProcess.StartAsync("services/SignalTraining/Weerbaarheid.SignalTraining", signalTrainingOps, new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{signalTrainingGrpc}",
            ["Ports__Ops"] = $"{signalTrainingOps}",
            ["Database__DataDirectory"] = Path.Combine(_directory, "signal-training"),
            ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
            ["Offerings__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        try
        {
            await Task.WhenAll(selfTest, signalTraining);
        }
        finally
        {
            // Whichever came up is disposed with the deployment, also when the other did not.
            _selfTest = selfTest.IsCompletedSuccessfully ? selfTest.Result : null;
            _signalTraining = signalTraining.IsCompletedSuccessfully ? signalTraining.Result : null;
        }

        // After the services are up, so the gateway's first health probe finds them healthy.
        var gatewayOps = FreePort.Next();
        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", gatewayOps, new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{GatewayHttpPort}",
            ["Ports__Grpc"] = $"{GatewayGrpcPort}",
            ["Ports__Ops"] = $"{gatewayOps}",
            ["ReverseProxy__Clusters__self-test__Destinations__primary__Address"] = $"http://127.0.0.1:{selfTestGrpc}",
            ["ReverseProxy__Clusters__signal-training__Destinations__primary__Address"] = $"http://127.0.0.1:{signalTrainingGrpc}",
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ReverseProxy__Clusters__peer-support__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            // As in the suite's gateway: the walk makes a few hundred anonymous calls in a second or two.
            ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
            ["Gateway__AnonymousRateLimit__Burst"] = "1000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _gateway, _selfTest, _signalTraining }.OfType<ServiceProcess>())
        {
            await process.DisposeAsync();
        }

        _gateway = _selfTest = _signalTraining = null;
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
