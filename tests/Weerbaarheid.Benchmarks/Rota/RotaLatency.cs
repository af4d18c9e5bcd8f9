using System.Diagnostics;
using System.Globalization;

namespace Weerbaarheid.Benchmarks.Rota;

/// <summary>
/// Per-call latency of <c>GetOnCall</c> (<c>OnCallResolver.At</c>) on <see cref="RotaBenchmarkSchedule"/>:
/// each call timed on its own after a warm-up, so the percentiles are of single calls, which
/// BenchmarkDotNet's batched iterations cannot show. <c>rota-latency [--calls N]</c>.
/// </summary>
internal static class RotaLatency
{
    public static void Run(string[] args)
    {
        var index = Array.IndexOf(args, "--calls");
        var calls = index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : 1_000_000;
        var resolver = RotaBenchmarkSchedule.Build();
        var instants = RotaBenchmarkSchedule.RandomInstants(calls, seed: 11);

        var covered = 0;
        foreach (var at in instants.Take(200_000))
        {
            covered += resolver.At(at) is null ? 0 : 1;
        }

        // From raw timestamps: a TimeSpan would round to 100 ns.
        var microseconds = new double[calls];
        var perTick = 1_000_000.0 / Stopwatch.Frequency;
        covered = 0;
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var answer = resolver.At(instants[i]);
            microseconds[i] = (Stopwatch.GetTimestamp() - started) * perTick;
            covered += answer is null ? 0 : 1;
        }

        Array.Sort(microseconds);
        double Percentile(double p) => microseconds[Math.Min(calls - 1, (int)Math.Ceiling(p * calls) - 1)];

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GetOnCall per-call latency: {calls:N0} calls at random instants of 2026, each timed alone ({calls - covered:N0} fell in a coverage gap)"));
        Console.WriteLine();
        Console.WriteLine("| mean µs | p50 µs | p95 µs | p99 µs | p99.9 µs | max µs |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {microseconds.Average():F2} | {Percentile(0.50):F2} | {Percentile(0.95):F2} | {Percentile(0.99):F2} | {Percentile(0.999):F2} | {microseconds[^1]:F2} |"));
    }
}
