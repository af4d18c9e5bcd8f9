using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.SelfTest.V1;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// SelfTest with an Offerings service of its own and a gateway in front of both, on the suite's broker,
/// so a test can stop Offerings without disturbing the suite's. Offerings' events reach SelfTest's local
/// copy of the catalogue through the real broker.
/// </summary>
public sealed class SelfTestDeployment : IAsyncDisposable
{
    private readonly string _directory;
    private ServiceProcess? _offerings;
    private ServiceProcess? _selfTest;
    private ServiceProcess? _gateway;
    private GrpcChannel? _channel;

    private SelfTestDeployment(string directory) => _directory = directory;

    /// <summary>SelfTestService through the gateway (gRPC, h2c), anonymous.</summary>
    public SelfTestService.SelfTestServiceClient SelfTest { get; private set; } = null!;

    /// <summary>This deployment's OfferingsService through the gateway.</summary>
    public OfferingsService.OfferingsServiceClient Offerings { get; private set; } = null!;

    /// <summary>JSON through the gateway's public port.</summary>
    public HttpClient Json { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public string Output => string.Join(Environment.NewLine,
        new[] { _offerings, _selfTest, _gateway }.OfType<ServiceProcess>().Select(s => $"--- {s.Name} ---{Environment.NewLine}{s.Output}"));

    private string SelfTestDatabase => Path.Combine(_directory, "self-test", "self-test.db");

    public static async Task<SelfTestDeployment> StartAsync(Broker broker, string parentDirectory)
    {
        var deployment = new SelfTestDeployment(Path.Combine(parentDirectory, $"self-test-{Guid.NewGuid():N}"));
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
        var offeringsGrpc = FreePort.Next();
        var offeringsOps = FreePort.Next();
        _offerings = await ServiceProcess.StartAsync("services/Offerings/Weerbaarheid.Offerings", offeringsOps, new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{offeringsGrpc}",
            ["Ports__Ops"] = $"{offeringsOps}",
            ["Database__DataDirectory"] = Path.Combine(_directory, "offerings"),
            ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
            ["Messaging__Outbox__PollInterval"] = "00:00:01",
        });

        var selfTestGrpc = FreePort.Next();
        var selfTestOps = FreePort.Next();
        _selfTest = await ServiceProcess.StartAsync("services/SelfTest/Weerbaarheid.SelfTest", selfTestOps, new Dictionary<string, string>
        {
            ["Ports__Grpc"] = $"{selfTestGrpc}",
            ["Ports__Ops"] = $"{selfTestOps}",
            ["Database__DataDirectory"] = Path.Combine(_directory, "self-test"),
            ["Messaging__RabbitMqUrl"] = broker.AmqpUrl.ToString(),
            ["Messaging__Outbox__PollInterval"] = "00:00:01",
            ["Offerings__Address"] = $"http://127.0.0.1:{offeringsGrpc}",
            // A live answer is reused this long; short, so the test sees the fallback soon after Offerings stops.
            ["Offerings__CacheDuration"] = "00:00:01",
        });

        var gatewayGrpc = FreePort.Next();
        var gatewayHttp = FreePort.Next();
        var gatewayOps = FreePort.Next();
        _gateway = await ServiceProcess.StartAsync("gateway/Weerbaarheid.Gateway", gatewayOps, new Dictionary<string, string>
        {
            ["Ports__Http"] = $"{gatewayHttp}",
            ["Ports__Grpc"] = $"{gatewayGrpc}",
            ["Ports__Ops"] = $"{gatewayOps}",
            ["ReverseProxy__Clusters__offerings__Destinations__primary__Address"] = $"http://127.0.0.1:{offeringsGrpc}",
            ["ReverseProxy__Clusters__self-test__Destinations__primary__Address"] = $"http://127.0.0.1:{selfTestGrpc}",
            // PeerSupport is not part of this deployment: a port nobody listens on.
            ["ReverseProxy__Clusters__peer-support__Destinations__primary__Address"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
            ["Gateway__AnonymousRateLimit__Burst"] = "1000",
        });

        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{gatewayGrpc}");
        SelfTest = new SelfTestService.SelfTestServiceClient(_channel);
        Offerings = new OfferingsService.OfferingsServiceClient(_channel);
        Json.BaseAddress = new Uri($"http://127.0.0.1:{gatewayHttp}");

        var last = "";
        await Eventually.HoldsAsync(async () => (last = await _selfTest.ReadinessAsync()) == "Healthy",
            "SelfTest is connected to the broker with its OfferingChanged queue bound", TimeSpan.FromSeconds(90),
            () => $"Last readiness: {last}{Environment.NewLine}{Output}");
    }

    /// <summary>Stops this deployment's Offerings service: from now on SelfTest cannot reach it.</summary>
    public async Task StopOfferingsAsync()
    {
        if (_offerings is { } offerings)
        {
            _offerings = null;
            await offerings.DisposeAsync();
        }
    }

    /// <summary>The version of an offering in SelfTest's local copy (its SQLite file), or null when it is not there.</summary>
    public async Task<long?> CopiedVersionAsync(string offeringName)
    {
        if (!File.Exists(SelfTestDatabase))
        {
            return null;
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = SelfTestDatabase,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Version FROM offering_copy WHERE Name = $name";
        command.Parameters.AddWithValue("$name", offeringName);
        return await command.ExecuteScalarAsync() is long version ? version : null;
    }

    public async ValueTask DisposeAsync()
    {
        Json.Dispose();
        _channel?.Dispose();
        foreach (var process in new[] { _gateway, _selfTest, _offerings }.OfType<ServiceProcess>())
        {
            await process.DisposeAsync();
        }

        _gateway = _selfTest = _offerings = null;
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // a file still held by a dying process; the temp folder is cleaned up by the OS
        }
    }
}
