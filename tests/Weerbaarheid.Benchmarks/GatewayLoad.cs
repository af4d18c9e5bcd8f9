using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Benchmarks;

// Unary gRPC load against Offerings, directly and through the gateway, in one run, so both see the
// same machine, build and data. Prints throughput and latency percentiles and the gateway/direct ratio.
//   dotnet run -c Release --project tests/Weerbaarheid.Benchmarks -- \
//     --direct http://127.0.0.1:5110 --gateway http://127.0.0.1:8090 [--seconds 10] [--warmup 5] [--concurrency 16] [--rounds 2]
internal static class GatewayLoad
{
    public static async Task RunAsync(string[] args)
    {
        var settings = Settings.Parse(args);
        Console.WriteLine($"Offerings unary gRPC benchmark: {settings.Warmup} s warm-up per path, then {settings.Rounds} rounds of " +
                          $"{settings.Seconds} s per path with {settings.Concurrency} callers and with 1; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        var targets = new[] { ("direct", settings.Direct), ("gateway", settings.Gateway) };
        var calls = new (string Name, Func<OfferingsService.OfferingsServiceClient, CancellationToken, Task> Call)[]
        {
            ("GetOffering", (c, ct) => c.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/loket-24-7" }, cancellationToken: ct).ResponseAsync),
            ("ListOfferings", (c, ct) => c.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 25 }, cancellationToken: ct).ResponseAsync),
        };

        // Warm both paths (JIT, connection pools, SQLite page cache) before anything is measured.
        foreach (var (_, call) in calls)
        {
            foreach (var (_, address) in targets)
            {
                using var channel = Channel(address);
                await Load.RunAsync(new OfferingsService.OfferingsServiceClient(channel), call, settings.Concurrency, TimeSpan.FromSeconds(settings.Warmup));
            }
        }

        // Throughput with many callers (the machine saturated); latency with one caller, so the gateway's
        // added time is the proxy hop itself and not queueing behind other requests on two cores.
        var throughput = await MeasureAsync(settings.Concurrency, "throughput");
        var latency = await MeasureAsync(1, "latency");

        Console.WriteLine();
        Console.WriteLine($"| RPC | path | req/s ({settings.Concurrency} callers) | p50 ms (1 caller) | p99 ms (1 caller) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var r in throughput)
        {
            var l = latency.Single(x => x.Call == r.Call && x.Target == r.Target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Call} | {r.Target} | {r.PerSecond:F0} | {l.P50:F2} | {l.P99:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| RPC | gateway/direct throughput | added p50 ms | added p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var call in throughput.GroupBy(r => r.Call))
        {
            var direct = call.Single(r => r.Target == "direct");
            var gateway = call.Single(r => r.Target == "gateway");
            var directLatency = latency.Single(r => r.Call == call.Key && r.Target == "direct");
            var gatewayLatency = latency.Single(r => r.Call == call.Key && r.Target == "gateway");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {call.Key} | {gateway.PerSecond / direct.PerSecond:P0} | {gatewayLatency.P50 - directLatency.P50:F2} | {gatewayLatency.P99 - directLatency.P99:F2} |"));
        }

        async Task<List<Result>> MeasureAsync(int concurrency, string label)
        {
            var rounds = new List<Result>();
            foreach (var (callName, call) in calls)
            {
                // Alternate the targets per round so a drift in machine load does not favour one of them.
                for (var round = 0; round < settings.Rounds; round++)
                {
                    foreach (var (targetName, address) in round % 2 == 0 ? targets : targets.Reverse())
                    {
                        using var channel = Channel(address);
                        var latencies = await Load.RunAsync(
                            new OfferingsService.OfferingsServiceClient(channel), call, concurrency, TimeSpan.FromSeconds(settings.Seconds));
                        rounds.Add(Result.From(callName, targetName, latencies, settings.Seconds));
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {label,-10} {callName,-14} {targetName,-8} round {round + 1}: {rounds[^1].PerSecond,8:F0} req/s, p50 {rounds[^1].P50:F2} ms"));
                    }
                }
            }

            return rounds.GroupBy(r => (r.Call, r.Target)).Select(g => Result.Merge(g.ToList())).ToList();
        }

        static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
    }
}

internal static class Load
{
    /// <summary>Runs <paramref name="concurrency"/> callers in a closed loop for <paramref name="duration"/>; returns every latency in ms.</summary>
    public static async Task<List<double>> RunAsync(
        OfferingsService.OfferingsServiceClient client,
        Func<OfferingsService.OfferingsServiceClient, CancellationToken, Task> call,
        int concurrency, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var latencies = new List<double>(100_000);
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                await call(client, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        }).ToList();
        return (await Task.WhenAll(workers)).SelectMany(l => l).ToList();
    }
}

internal sealed record Result(string Call, string Target, double PerSecond, double P50, double P99, List<double> Latencies, double Seconds)
{
    public static Result From(string call, string target, List<double> latencies, double seconds)
    {
        latencies.Sort();
        return new Result(call, target, latencies.Count / seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies, seconds);
    }

    public static Result Merge(List<Result> rounds) =>
        From(rounds[0].Call, rounds[0].Target, rounds.SelectMany(r => r.Latencies).ToList(), rounds.Sum(r => r.Seconds));

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

internal sealed record Settings(Uri Direct, Uri Gateway, int Seconds, int Warmup, int Concurrency, int Rounds)
{
    public static Settings Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        return new Settings(
            new Uri(Value("--direct", "http://127.0.0.1:5110")),
            new Uri(Value("--gateway", "http://127.0.0.1:8090")),
            int.Parse(Value("--seconds", "10"), CultureInfo.InvariantCulture),
            int.Parse(Value("--warmup", "5"), CultureInfo.InvariantCulture),
            int.Parse(Value("--concurrency", "16"), CultureInfo.InvariantCulture),
            int.Parse(Value("--rounds", "2"), CultureInfo.InvariantCulture));
    }
}
