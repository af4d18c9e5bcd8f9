namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What a test's own deployment next to the suite's has in common: a folder of its own, services on free
/// ports and the suite's broker, a gateway in front of them, their output for failure messages, and a
/// disposal that stops them, last started first, and removes the folder.
/// </summary>
public abstract class Deployment : IAsyncDisposable
{
    private const string GatewayProject = "gateway/Weerbaarheid.Gateway";

    private readonly Broker _broker;

    /// <summary>
    /// Every start in the order it was begun, not finished: services started side by side keep a fixed place
    /// in <see cref="Output"/> and in disposal, and one that came up is disposed also when another did not.
    /// </summary>
    private readonly List<Task<ServiceProcess>> _starts = [];

    /// <param name="name">The folder's prefix, e.g. <c>self-test</c>; a fresh GUID makes it the test's own.</param>
    protected Deployment(Broker broker, string parentDirectory, string name)
    {
        _broker = broker;
        DataDirectory = Path.Combine(parentDirectory, $"{name}-{Guid.NewGuid():N}");
    }

    /// <summary>This deployment's own folder; each service keeps its database in a subfolder.</summary>
    protected string DataDirectory { get; }

    /// <summary>What the processes that are up wrote lately, to attach to a failure.</summary>
    public string Output => string.Join(Environment.NewLine,
        Running.Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Output}"));

    private IEnumerable<ServiceProcess> Running => _starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result);

    /// <summary>Runs <paramref name="start"/>; when it fails, leaves no processes or files behind.</summary>
    protected static async Task<T> StartOrDisposeAsync<T>(T deployment, Func<T, Task> start)
        where T : Deployment
    {
        try
        {
            await start(deployment);
            return deployment;
        }
        catch
        {
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts <paramref name="project"/> on free gRPC and ops ports, with its database in
    /// <paramref name="dataFolder"/> of this deployment's folder and the suite's broker; waits until it is ready.
    /// </summary>
    /// <param name="settings">Environment variables on top of those; they win.</param>
    protected async Task<(ServiceProcess Process, int GrpcPort)> StartServiceAsync(
        string project, string dataFolder, IReadOnlyDictionary<string, string> settings)
    {
        var grpcPort = FreePort.Next();
        var opsPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{grpcPort}",
            ["Ports__Ops"] = $"{opsPort}",
            ["Database__DataDirectory"] = Path.Combine(DataDirectory, dataFolder),
            ["Messaging__RabbitMqUrl"] = _broker.AmqpUrl.ToString(),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return (await StartProcessAsync(project, opsPort, environment), grpcPort);
    }

    /// <summary>
    /// Starts the gateway (its routes from its appsettings.json) on free ports, each cluster's primary
    /// destination at the given gRPC port of 127.0.0.1. A cluster left out keeps the address in appsettings.json.
    /// </summary>
    /// <param name="settings">Environment variables on top of those; they win.</param>
    protected async Task<(int GrpcPort, int HttpPort)> StartGatewayAsync(
        IReadOnlyDictionary<string, int> clusters, IReadOnlyDictionary<string, string>? settings = null)
    {
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var opsPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{httpPort}",
            ["Ports__Grpc"] = $"{grpcPort}",
            ["Ports__Ops"] = $"{opsPort}",
        };
        foreach (var (cluster, port) in clusters)
        {
            environment[$"ReverseProxy__Clusters__{cluster}__Destinations__primary__Address"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        await StartProcessAsync(GatewayProject, opsPort, environment);
        return (grpcPort, httpPort);
    }

    /// <summary>
    /// Waits until <paramref name="service"/> is connected to the broker with its queues bound (readiness
    /// Healthy, not Degraded): it serves before that, and an event published with no queue bound yet is dropped.
    /// </summary>
    protected async Task WaitUntilHealthyAsync(ServiceProcess service, string what)
    {
        var last = "";
        await Eventually.HoldsAsync(async () => (last = await service.ReadinessAsync()) == "Healthy",
            what, TimeSpan.FromSeconds(90), () => $"Last readiness: {last}{Environment.NewLine}{Output}");
    }

    /// <summary>Stops one of this deployment's processes before the rest, e.g. to see how the others cope.</summary>
    protected async Task StopAsync(ServiceProcess process)
    {
        if (_starts.RemoveAll(s => s.IsCompletedSuccessfully && s.Result == process) > 0)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>Stops the processes, last started first (the gateway before what it fronts), and removes the folder.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        var running = Running.Reverse().ToList();
        _starts.Clear();
        foreach (var process in running)
        {
            await process.DisposeAsync();
        }

        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is cleaned up by the OS.
        }
    }

    private Task<ServiceProcess> StartProcessAsync(string project, int opsPort, IReadOnlyDictionary<string, string> environment)
    {
        var start = ServiceProcess.StartAsync(project, opsPort, environment);
        _starts.Add(start);
        return start;
    }
}
