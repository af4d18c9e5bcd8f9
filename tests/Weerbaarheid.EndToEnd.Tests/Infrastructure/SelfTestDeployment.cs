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
public sealed class SelfTestDeployment : Deployment
{
    private ServiceProcess? _offerings;
    private GrpcChannel? _channel;

    private SelfTestDeployment(Broker broker, string parentDirectory)
        : base(broker, parentDirectory, "self-test")
    {
    }

    /// <summary>SelfTestService through the gateway (gRPC, h2c), anonymous.</summary>
    public SelfTestService.SelfTestServiceClient SelfTest { get; private set; } = null!;

    /// <summary>This deployment's OfferingsService through the gateway.</summary>
    public OfferingsService.OfferingsServiceClient Offerings { get; private set; } = null!;

    /// <summary>JSON through the gateway's public port.</summary>
    public HttpClient Json { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private string SelfTestDatabase => Path.Combine(DataDirectory, "self-test", "self-test.db");

    public static Task<SelfTestDeployment> StartAsync(Broker broker, string parentDirectory) =>
        StartOrDisposeAsync(new SelfTestDeployment(broker, parentDirectory), d => d.StartProcessesAsync());

    private async Task StartProcessesAsync()
    {
        (_offerings, var offeringsGrpc) = await StartServiceAsync("services/Offerings/Weerbaarheid.Offerings", "offerings",
            new Dictionary<string, string>
            {
                ["Messaging__Outbox__PollInterval"] = "00:00:01",
            });

        var (selfTest, selfTestGrpc) = await StartServiceAsync("services/SelfTest/Weerbaarheid.SelfTest", "self-test",
            new Dictionary<string, string>
            {
                ["Messaging__Outbox__PollInterval"] = "00:00:01",
                ["Offerings__Address"] = $"http://127.0.0.1:{offeringsGrpc}",
                // A live answer is reused this long; short, so the test sees the fallback soon after Offerings stops.
                ["Offerings__CacheDuration"] = "00:00:01",
            });

        var gateway = await StartGatewayAsync(
            new Dictionary<string, int>
            {
                ["offerings"] = offeringsGrpc,
                ["self-test"] = selfTestGrpc,
                // PeerSupport is not part of this deployment: a port nobody listens on.
                ["peer-support"] = FreePort.Next(),
            },
            new Dictionary<string, string>
            {
                ["Gateway__AnonymousRateLimit__PerSecond"] = "1000",
                ["Gateway__AnonymousRateLimit__Burst"] = "1000",
            });

        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{gateway.GrpcPort}");
        SelfTest = new SelfTestService.SelfTestServiceClient(_channel);
        Offerings = new OfferingsService.OfferingsServiceClient(_channel);
        Json.BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}");

        await WaitUntilHealthyAsync(selfTest, "SelfTest is connected to the broker with its OfferingChanged queue bound");
    }

    /// <summary>Stops this deployment's Offerings service: from now on SelfTest cannot reach it.</summary>
    public async Task StopOfferingsAsync()
    {
        if (_offerings is { } offerings)
        {
            _offerings = null;
            await StopAsync(offerings);
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

    public override async ValueTask DisposeAsync()
    {
        Json.Dispose();
        _channel?.Dispose();
        await base.DisposeAsync();
    }
}
