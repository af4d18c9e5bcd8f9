using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.Benchmarks.SignalTraining;

// Applications for cohorts through the gateway, with the real SignalTraining service: a trainer plans
// `--cohorts` TCO basic-training cohorts of `--capacity` seats; each of `--concurrency` callers applies in a
// closed loop as a new employee for the cohorts in turn, so several applications always race for the same
// cohort's seats. Prints the rate and latency percentiles, then checks every cohort: seats taken never above
// capacity, and exactly min(capacity, applications) seats given.
//   run-enrolment-benchmark.sh [--seconds 30] [--warmup 60] [--concurrency 32] [--cohorts 20] [--capacity 12]
internal static class EnrolmentLoad
{
    public static async Task RunAsync(string[] args)
    {
        var gateway = new Uri(Value(args, "--gateway", "http://127.0.0.1:8090"));
        var seconds = Int(args, "--seconds", 30);
        var warmup = Int(args, "--warmup", 60);
        var concurrency = Int(args, "--concurrency", 32);
        var cohortCount = Int(args, "--cohorts", 20);
        var capacity = Int(args, "--capacity", 12);
        Console.WriteLine($"Enrolment benchmark through the gateway: {warmup} s warm-up, then {seconds} s with {concurrency} callers " +
                          $"over {cohortCount} cohorts of {capacity} seats; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
        });
        var client = new TrainingService.TrainingServiceClient(channel);
        var trainer = Token("bench-trainer", Roles.Trainer);

        var warmupCohorts = await PlanAsync(client, trainer, cohortCount, capacity, "warmup");
        await RunForAsync(client, warmupCohorts, concurrency, TimeSpan.FromSeconds(warmup), "w");
        var cohorts = await PlanAsync(client, trainer, cohortCount, capacity, "measured");
        var (latencies, failures, applications) = await RunForAsync(client, cohorts, concurrency, TimeSpan.FromSeconds(seconds), "m");

        latencies.Sort();
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Count / (double)seconds:F0} applications/s, {failures} failed"));
        Console.WriteLine();
        Console.WriteLine("| RPC | calls | p50 ms | p90 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| ApplyForCohort | {latencies.Count} | {Percentile(latencies, 0.50):F2} | {Percentile(latencies, 0.90):F2} | {Percentile(latencies, 0.99):F2} | {latencies[^1]:F2} |"));

        // What the benchmark is for as much as speed: the seats under concurrency.
        var overbooked = 0;
        foreach (var name in cohorts)
        {
            var cohort = (await client.GetCohortAsync(new GetCohortRequest { Name = name }, trainer)).Cohort;
            var applied = applications.GetValueOrDefault(name);
            if (cohort.SeatsTaken > cohort.Capacity || cohort.SeatsTaken != Math.Min(cohort.Capacity, applied) || cohort.SeatsTaken + cohort.Waitlisted != applied)
            {
                overbooked++;
                Console.WriteLine($"{name}: {applied} applications, {cohort.SeatsTaken} seats taken, {cohort.Waitlisted} waitlisted, capacity {cohort.Capacity}");
            }
        }

        Console.WriteLine();
        Console.WriteLine(overbooked == 0
            ? $"Seats: every cohort has exactly min(capacity, applications) seats taken and the rest waitlisted ({applications.Values.Sum()} applications)."
            : $"Seats: {overbooked} cohort(s) wrong.");
        Environment.ExitCode = overbooked == 0 ? 0 : 1;
    }

    private static async Task<string[]> PlanAsync(TrainingService.TrainingServiceClient client, Metadata trainer, int count, int capacity, string label)
    {
        var day = DateTime.UtcNow.Date.AddDays(30);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            var cohort = new Cohort
            {
                Title = new LocalizedText { Nl = $"Benchmark {label} {i}", En = $"Benchmark {label} {i}" },
                Location = "Politieacademie, Apeldoorn",
                Capacity = capacity,
            };
            cohort.Sessions.Add(new Session
            {
                Id = "day-1",
                Date = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day },
                StartTime = new Google.Type.TimeOfDay { Hours = 9 },
                EndTime = new Google.Type.TimeOfDay { Hours = 17 },
                Kind = SessionKind.TrainingDay,
                Block = 1,
            });
            var created = await client.CreateCohortAsync(new CreateCohortRequest { Parent = "courses/tco-basic-training", Cohort = cohort }, trainer);
            names[i] = created.Cohort.Name;
        }

        return names;
    }

    private static async Task<(List<double> Latencies, int Failures, Dictionary<string, int> Applications)> RunForAsync(
        TrainingService.TrainingServiceClient client, string[] cohorts, int concurrency, TimeSpan duration, string prefix)
    {
        using var stop = new CancellationTokenSource(duration);
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var latencies = new List<double>();
            var applied = new Dictionary<string, int>();
            var failures = 0;
            var number = 0;
            var applicant = Token($"{prefix}-{worker}-{number}", Roles.Employee);
            while (!stop.IsCancellationRequested)
            {
                var cohort = cohorts[(Interlocked.Increment(ref next) & int.MaxValue) % cohorts.Length];
                var request = new ApplyForCohortRequest { Cohort = cohort };
                request.Answers.Add(new EligibilityAnswer { Question = "selected-for-tco", Yes = true });
                try
                {
                    var began = Stopwatch.GetTimestamp();
                    await client.ApplyForCohortAsync(request, applicant, deadline: DateTime.UtcNow.AddSeconds(30));
                    latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
                    applied[cohort] = applied.GetValueOrDefault(cohort) + 1;
                }
                catch (RpcException) when (!stop.IsCancellationRequested)
                {
                    failures++;
                }

                // A new employee for the next application: one enrolment per person and cohort.
                applicant = Token($"{prefix}-{worker}-{++number}", Roles.Employee);
            }

            return (latencies, failures, applied);
        }).ToList();
        var all = await Task.WhenAll(workers);
        var applications = all.SelectMany(a => a.applied).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Sum(a => a.Value));
        return (all.SelectMany(a => a.latencies).ToList(), all.Sum(a => a.failures), applications);
    }

    private static Metadata Token(string subject, string role) =>
        new() { { "Authorization", "Bearer " + DevelopmentTokens.Mint(subject, [role], TimeSpan.FromHours(2)) } };

    private static int Int(string[] args, string name, int fallback) =>
        int.Parse(Value(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string Value(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
