using Grpc.Net.Client;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SignalTraining with a gateway of its own, on the suite's broker: its own fresh database and the calling
/// test's settings (e.g. certificates valid for a minute), so they never reach the suite's shared processes.
/// Its certificate events reach the suite's PeerSupport through the real broker. Offerings is not part of
/// it: SignalTraining only asks Offerings for guidance recommendations, and copes when it cannot.
/// </summary>
public sealed class SignalTrainingDeployment : Deployment
{
    private GrpcChannel? _channel;

    private SignalTrainingDeployment(Broker broker, string parentDirectory)
        : base(broker, parentDirectory, "signal-training")
    {
    }

    /// <summary>TrainingService through this deployment's gateway (gRPC, h2c).</summary>
    public TrainingService.TrainingServiceClient Training { get; private set; } = null!;

    /// <param name="settings">Environment variables for SignalTraining on top of the deployment's, e.g.
    /// <c>SignalTraining__Courses__tco-basic-training__CertificateValidity</c>.</param>
    public static Task<SignalTrainingDeployment> StartAsync(Broker broker, string parentDirectory, IReadOnlyDictionary<string, string> settings) =>
        StartOrDisposeAsync(new SignalTrainingDeployment(broker, parentDirectory), d => d.StartProcessesAsync(settings));

    private async Task StartProcessesAsync(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
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

        var (signalTraining, signalTrainingGrpc) = await StartServiceAsync(
            "services/SignalTraining/Weerbaarheid.SignalTraining", "signal-training", environment);

        // After SignalTraining is up, so the gateway's first health probe finds it healthy.
        var gateway = await StartGatewayAsync(new Dictionary<string, int>
        {
            ["signal-training"] = signalTrainingGrpc,
            // The other services are not part of this deployment: ports nobody listens on.
            ["offerings"] = FreePort.Next(),
            ["peer-support"] = FreePort.Next(),
            ["self-test"] = FreePort.Next(),
        });

        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{gateway.GrpcPort}");
        Training = new TrainingService.TrainingServiceClient(_channel);

        // Connected to the broker, so what its outbox holds is published at once.
        await WaitUntilHealthyAsync(signalTraining, "SignalTraining is connected to the broker (readiness Healthy)");
    }

    public override async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        _channel = null;
        await base.DisposeAsync();
    }
}
