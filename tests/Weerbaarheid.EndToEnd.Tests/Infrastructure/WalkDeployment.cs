namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SelfTest and SignalTraining behind a gateway of their own, on the suite's broker, for the authorization
/// walk: the suite's gateway fronts only Offerings and PeerSupport, and its calls to the other two would fail
/// as Unavailable. The gateway is the same build with the same routes (appsettings.json); only its
/// destinations differ. Offerings and PeerSupport are ports nobody listens on here. The test disposes it.
/// </summary>
public sealed class WalkDeployment : Deployment
{
    private WalkDeployment(Broker broker, string parentDirectory)
        : base(broker, parentDirectory, "walk")
    {
    }

    /// <summary>The gateway's h2c port: gRPC.</summary>
    public int GatewayGrpcPort { get; private set; }

    /// <summary>The gateway's public HTTP/1.1 port: JSON.</summary>
    public int GatewayHttpPort { get; private set; }

    public static Task<WalkDeployment> StartAsync(Broker broker, string parentDirectory) =>
        StartOrDisposeAsync(new WalkDeployment(broker, parentDirectory), d => d.StartProcessesAsync());

    private async Task StartProcessesAsync()
    {
        // The services do not depend on each other: both at once.
        var selfTest = StartServiceAsync("services/SelfTest/Weerbaarheid.SelfTest", "self-test", new Dictionary<string, string>
        {
            // No Offerings here: SelfTest copes (its recommendations fall back), and the walk only checks access.
            ["Offerings__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        var signalTraining = StartServiceAsync("services/SignalTraining/Weerbaarheid.SignalTraining", "signal-training", new Dictionary<string, string>
        {
            ["Offerings__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        await Task.WhenAll(selfTest, signalTraining);

        // After the services are up, so the gateway's first health probe finds them healthy.
        (GatewayGrpcPort, GatewayHttpPort) = await StartGatewayAsync(
            new Dictionary<string, int>
            {
                ["self-test"] = (await selfTest).GrpcPort,
                ["signal-training"] = (await signalTraining).GrpcPort,
                ["offerings"] = FreePort.Next(),
                ["peer-support"] = FreePort.Next(),
            },
            new Dictionary<string, string>
            {
                // As in the suite's gateway: the walk makes a few hundred anonymous calls in a second or two.
                ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
                ["Gateway__AnonymousRateLimit__Burst"] = "1000",
            });
    }
}
