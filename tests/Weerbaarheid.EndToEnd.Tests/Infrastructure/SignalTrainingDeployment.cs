using Grpc.Net.Client;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SignalTraining with a gateway of its own, on the suite's broker: its own fresh database and the calling
/// test's settings (e.g. certificates valid for a minute), so they never reach the suite's shared processes.
/// Its certificate events reach the suite's PeerSupport through the real broker. Offerings is not part of
/// it: SignalTraining only asks Offerings for guidance recommendations, and copes when it cannot.
/// </summary>
public sealed class SignalTrainingDeployment : IAsyncDisposable
{
    private readonly string _directory;
    private ServiceProcess? _signalTraining;
    private ServiceProcess? _gateway;
    private GrpcChannel? _channel;

    private SignalTrainingDeployment(string directory) => _directory = directory;

    /// <summary>TrainingService through this deployment's gateway (gRPC, h2c).</summary>
    public TrainingService.TrainingServiceClient Training { get; private set; } = null!;

    public string Output => string.Join(Environment.NewLine,
        new[] { _signalTraining, _gateway }.OfType<ServiceProcess>().Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Output}"));

    /// <param name="settings">Environment variables for SignalTraining on top of the deployment's, e.g.
    /// <c>SignalTraining__Courses__tco-basic-training__CertificateValidity</c>.</param>
    public static async Task<SignalTrainingDeployment> StartAsync(Broker broker, string parentDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var deployment = new SignalTrainingDeployment(Path.Combine(parentDirectory, $"signal-training-{Guid.NewGuid():N}"));
        try
        {
            await deployment.StartProcessesAsync(broker, settings);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    private async Task StartProcessesAsync(Broker broker, IReadOnlyDictionary<string, string> settings)
    {
        var signalTrainingGrpc = FreePort.Next();
        var signalTrainingOps = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Ports__Grpc"] = $"{signalTrainingGrpc}",
            ["Ports__Ops"] = $"{signalTrainingOps}",
            ["Database__DataDirectory"] = Path.Combine(_directory, "signal-training"),
            ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
            ["Messaging__Outbox__PollInterval"] = "00:00:01",
            // Offerings is not part of this deployment: a port nobody listens on.
            ["Offerings__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            // Expired certificates are announced within two seconds (production: a minute).
            ["SignalTraining__CertificateCheckInterval"] = "00:00:02",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        _signalTraining = await ServiceProcess.StartAsync("services/SignalTraining/Weerbaarheid.SignalTraining", signalTrainingOps, environment);

        // After SignalTraining is up, so the gateway's first health probe finds it healthy.
        var gatewayGrpc = FreePort.Next();
        var gatewayHttp = FreePort.Next();
        var gatewayOps = FreePort.Next();
        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", gatewayOps, new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{gatewayHttp}",
            ["Ports__Grpc"] = $"{gatewayGrpc}",
            ["Ports__Ops"] = $"{gatewayOps}",
            ["ReverseProxy__Clusters__signal-training__Destinations__primary__Address"] = $"http://127.0.0.1:{signalTrainingGrpc}",
            // The other services are not part of this deployment: ports nobody listens on.
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ReverseProxy__Clusters__peer-support__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["ReverseProxy__Clusters__self-test__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
        });

        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{gatewayGrpc}");
        Training = new TrainingService.TrainingServiceClient(_channel);

        // Connected to the broker, so what its outbox holds is published at once.
        var last = "";
        await Eventually.HoldsAsync(async () => (last = await _signalTraining.ReadinessAsync()) == "Healthy",
            "SignalTraining is connected to the broker (readiness Healthy)", TimeSpan.FromSeconds(90),
            () => $"Last readiness: {last}{Environment.NewLine}{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _channel = null;
        foreach (var process in new[] { _gateway, _signalTraining }.OfType<ServiceProcess>())
        {
            await process.DisposeAsync();
        }

        _gateway = _signalTraining = null;
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
