using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using Weerbaarheid.SelfTest.V1;

namespace Weerbaarheid.Benchmarks.SelfTest;

// Anonymous self-tests through the gateway with the real services: each caller in a closed loop starts a
// PHQ-9, submits all nine answers with finish, and reads the result (with recommendations). Prints the
// RPC rate, the self-tests per second and latency percentiles per RPC. The warm-up is long on purpose: on two
// busy cores the runtime's background tier-1 JIT needs about a minute before the code is at steady state, and
// a shorter warm-up measures the JIT (runs then vary between 1,100 and 2,200 req/s).
//   run-selftest-benchmark.sh [--seconds 30] [--warmup 60] [--concurrency 32]
internal static class SelfTestLoad
{
    public static async Task RunAsync(string[] args)
    {
        var gateway = new Uri(Value(args, "--gateway", "http://127.0.0.1:8090"));
        var seconds = int.Parse(Value(args, "--seconds", "30"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Value(args, "--warmup", "60"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Value(args, "--concurrency", "32"), CultureInfo.InvariantCulture);
        Console.WriteLine($"Self-test benchmark through the gateway: {warmup} s warm-up, then {seconds} s with {concurrency} callers; " +
                          $"{Environment.ProcessorCount} cores, .NET {Environment.Version}");

        using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        var client = new SelfTestService.SelfTestServiceClient(channel);
        await RunForAsync(client, concurrency, TimeSpan.FromSeconds(warmup));
        var measured = await RunForAsync(client, concurrency, TimeSpan.FromSeconds(seconds));

        var rpcs = measured.Start.Count + measured.Submit.Count + measured.Result.Count;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rpcs / (double)seconds:F0} req/s ({measured.Result.Count / (double)seconds:F0} self-tests/s: start + submit + result), {measured.Failures} failed"));
        Console.WriteLine();
        Console.WriteLine("| RPC | calls | p50 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (name, latencies) in new[] { ("StartSelfTest", measured.Start), ("SubmitAnswers (finish)", measured.Submit), ("GetResult", measured.Result), ("whole self-test", measured.Flow) })
        {
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {latencies.Count} | {Percentile(latencies, 0.50):F2} | {Percentile(latencies, 0.99):F2} | {latencies[^1]:F2} |"));
        }
    }

    private sealed record Measured(List<double> Start, List<double> Submit, List<double> Result, List<double> Flow, int Failures);

    private static async Task<Measured> RunForAsync(SelfTestService.SelfTestServiceClient client, int concurrency, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var random = new Random(worker);
            var (start, submit, result, flow) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
            var failures = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var began = Stopwatch.GetTimestamp();
                    var started = await client.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/phq-9" }, deadline: Deadline);
                    start.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);

                    var request = new SubmitAnswersRequest { Token = started.Token, Finish = true };
                    // Mostly low answers, item 9 at 0: every band occurs, the safety rule now and then.
                    request.Answers.Add(Enumerable.Range(1, 9).Select(item => new Answer { Item = item, Value = item == 9 ? random.Next(10) / 9 : random.Next(4) }));
                    var at = Stopwatch.GetTimestamp();
                    await client.SubmitAnswersAsync(request, deadline: Deadline);
                    submit.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);

                    at = Stopwatch.GetTimestamp();
                    await client.GetResultAsync(new GetResultRequest { Token = started.Token }, deadline: Deadline);
                    result.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    flow.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                }
                catch (Grpc.Core.RpcException) when (!stop.IsCancellationRequested)
                {
                    failures++;
                }
            }

            return new Measured(start, submit, result, flow, failures);
        }).ToList();
        var all = await Task.WhenAll(workers);
        return new Measured(
            all.SelectMany(m => m.Start).ToList(), all.SelectMany(m => m.Submit).ToList(),
            all.SelectMany(m => m.Result).ToList(), all.SelectMany(m => m.Flow).ToList(), all.Sum(m => m.Failures));
    }

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    private static string Value(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
