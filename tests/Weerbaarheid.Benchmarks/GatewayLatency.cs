using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Weerbaarheid.Benchmarks.Dispatch;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.V1;
using Urgency = Weerbaarheid.PeerSupport.V1.Urgency;

namespace Weerbaarheid.Benchmarks;

// What the gateway adds to one caller's latency, per route family, against calling each service directly, with
// the whole suite running (run-gateway-latency-benchmark.sh): unary gRPC (h2c to the service vs the gateway's
// gRPC port), JSON reads (h2c to the service's transcoding vs the gateway's HTTP/1.1 port), and delivery of a
// dispatch offer on WatchDispatches streams held directly and through the gateway at the same time. Unary and
// JSON paths are timed in alternating 1 s blocks, so drifting machine load hits direct and gateway alike.
//   dotnet Weerbaarheid.Benchmarks.dll gateway-latency --gateway http://127.0.0.1:8961 --gateway-http http://127.0.0.1:8960 \
//     --offerings http://127.0.0.1:5960 --peer-support http://127.0.0.1:5962 --signal-training http://127.0.0.1:5964 \
//     --self-test http://127.0.0.1:5966 [--warmup 60] [--seconds 20] [--dispatches 40]
internal static class GatewayLatency
{
    private const string Region = "regions/amsterdam";
    private static readonly TimeSpan Block = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Members of the neighbouring regions count as involved, so the dispatcher keeps every offer in Amsterdam.
    private static readonly string[] Neighbours = ["noord-holland", "midden-nederland"];

    private sealed record Path(string Call, Func<CancellationToken, Task> Direct, Func<CancellationToken, Task> Gateway);

    public static async Task RunAsync(string[] args)
    {
        // Settings takes an option's first occurrence, so appended defaults apply only where the caller gave none.
        var settings = Settings.Parse([.. args, "--seconds", "20", "--warmup", "60"]);
        var gatewayHttp = new Uri(Option(args, "--gateway-http") ?? "http://127.0.0.1:8080");
        var offerings = new Uri(Option(args, "--offerings") ?? "http://127.0.0.1:5110");
        var peerSupport = new Uri(Option(args, "--peer-support") ?? "http://127.0.0.1:5120");
        var signalTraining = new Uri(Option(args, "--signal-training") ?? "http://127.0.0.1:5130");
        var selfTest = new Uri(Option(args, "--self-test") ?? "http://127.0.0.1:5140");
        var dispatches = int.Parse(Option(args, "--dispatches") ?? "40", CultureInfo.InvariantCulture);
        Console.WriteLine($"Gateway added latency, one caller: {settings.Warmup} s warm-up, then {settings.Seconds} s per path in " +
                          $"{Block.TotalSeconds:F0} s blocks alternating direct and gateway; {dispatches} dispatches, one every " +
                          $"{Pace.TotalMilliseconds:F0} ms; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        using var gatewayChannel = Channel(settings.Gateway);
        using var offeringsChannel = Channel(offerings);
        using var peerSupportChannel = Channel(peerSupport);
        using var signalTrainingChannel = Channel(signalTraining);
        using var selfTestChannel = Channel(selfTest);
        // The services' gRPC port speaks only HTTP/2 in cleartext: prior knowledge, no upgrade.
        using var directHttp = new HttpClient(new SocketsHttpHandler())
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var gatewayHttpClient = new HttpClient(new SocketsHttpHandler());

        var reader = Token("bench-rota-reader", [Roles.SystemPeerSupportRead], null);
        var employee = Token("bench-employee", [Roles.Employee], null);
        var getOffering = new GetOfferingRequest { Name = "offerings/loket-24-7" };
        var getOnCall = new GetOnCallRequest { Region = Region };
        var listCourses = new ListCoursesRequest();
        var listInstruments = new ListInstrumentsRequest();

        var (offeringsDirect, offeringsGateway) = (new OfferingsService.OfferingsServiceClient(offeringsChannel), new OfferingsService.OfferingsServiceClient(gatewayChannel));
        var (trainingDirect, trainingGateway) = (new TrainingService.TrainingServiceClient(signalTrainingChannel), new TrainingService.TrainingServiceClient(gatewayChannel));
        var (selfTestDirect, selfTestGateway) = (new SelfTestService.SelfTestServiceClient(selfTestChannel), new SelfTestService.SelfTestServiceClient(gatewayChannel));
        var (peerSupportDirect, peerSupportGateway) = (peerSupportChannel.CreateCallInvoker(), gatewayChannel.CreateCallInvoker());
        var unary = new Path[]
        {
            new("Offerings GetOffering",
                ct => offeringsDirect.GetOfferingAsync(getOffering, cancellationToken: ct).ResponseAsync,
                ct => offeringsGateway.GetOfferingAsync(getOffering, cancellationToken: ct).ResponseAsync),
            new("PeerSupport GetOnCall",
                ct => Unary(peerSupportDirect, PeerSupportMethods.GetOnCall, getOnCall, reader, ct),
                ct => Unary(peerSupportGateway, PeerSupportMethods.GetOnCall, getOnCall, reader, ct)),
            new("SignalTraining ListCourses",
                ct => trainingDirect.ListCoursesAsync(listCourses, employee, cancellationToken: ct).ResponseAsync,
                ct => trainingGateway.ListCoursesAsync(listCourses, employee, cancellationToken: ct).ResponseAsync),
            new("SelfTest ListInstruments",
                ct => selfTestDirect.ListInstrumentsAsync(listInstruments, cancellationToken: ct).ResponseAsync,
                ct => selfTestGateway.ListInstrumentsAsync(listInstruments, cancellationToken: ct).ResponseAsync),
        };
        var json = new Path[]
        {
            Get("GET /api/v1/offerings/loket-24-7", offerings, null),
            Get("GET /api/v1/regions/amsterdam:onCall", peerSupport, reader),
            Get("GET /api/v1/courses", signalTraining, employee),
            Get("GET /api/v1/instruments", selfTest, null),
        };

        Path Get(string call, Uri service, Metadata? token)
        {
            var path = call["GET ".Length..];
            var authorization = token is null ? null : AuthenticationHeaderValue.Parse(token.GetValue("Authorization")!);
            return new Path(call, ct => GetAsync(directHttp, new Uri(service, path), authorization, ct),
                ct => GetAsync(gatewayHttpClient, new Uri(gatewayHttp, path), authorization, ct));
        }

        // Every path once, so a wrong route or token fails here with its name rather than mid-measurement.
        foreach (var path in unary.Concat(json))
        {
            foreach (var (target, call) in new[] { ("direct", path.Direct), ("gateway", path.Gateway) })
            {
                try
                {
                    await call(CancellationToken.None);
                }
                catch (Exception e) when (e is RpcException or HttpRequestException)
                {
                    throw new InvalidOperationException($"{path.Call} ({target}) failed: {e.Message}", e);
                }
            }
        }

        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        await using var streams = await OfferStreams.OpenAsync(peerSupportDirect, peerSupportGateway);
        var system = Token("bench-meldkamer", [Roles.SystemPeerSupportRequest], null);

        // Warm-up: short turns at every path and at dispatching in rotation, until the JIT has settled everywhere.
        var warmup = Stopwatch.StartNew();
        var warmDispatches = 0;
        var turns = unary.Concat(json).SelectMany(p => new[] { p.Direct, p.Gateway })
            .Append(async _ => await DispatchAsync(peerSupportDirect, system, streams, $"warm-{run}-{warmDispatches++}", 4))
            .ToList();
        for (var turn = 0; warmup.Elapsed.TotalSeconds < settings.Warmup; turn++)
        {
            await TimeAsync(turns[turn % turns.Count], Pace);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Warm-up done after {warmup.Elapsed.TotalSeconds:F0} s; {streams.Direct.Count} warm-up offers seen directly, {streams.Gateway.Count} through the gateway."));

        var unaryResults = await MeasureAsync(unary);
        var jsonResults = await MeasureAsync(json);
        var delivered = await DispatchAsync(peerSupportDirect, system, streams, $"bench-{run}", dispatches);

        Console.WriteLine();
        Console.WriteLine("Added = the gateway's percentile − the direct one; ms.");
        Console.WriteLine();
        Console.WriteLine("Unary gRPC (direct: the service's h2c port; gateway: its gRPC port, h2c):");
        Table(unaryResults);
        Console.WriteLine();
        Console.WriteLine("JSON, transcoded (direct: HTTP/2 prior knowledge to the service; gateway: HTTP/1.1 to its public port):");
        Table(jsonResults);
        Console.WriteLine();
        ReportDelivery(delivered, streams, dispatches);

        async Task<List<(string Call, Result Direct, Result Gateway)>> MeasureAsync(Path[] paths)
        {
            var results = new List<(string, Result, Result)>();
            foreach (var path in paths)
            {
                var (direct, gateway) = (new List<double>(), new List<double>());
                for (var block = 0; block < settings.Seconds / Block.TotalSeconds; block++)
                {
                    // ABBA order: neither target always runs first after the other's block.
                    var directFirst = block % 4 is 0 or 3;
                    (directFirst ? direct : gateway).AddRange(await TimeAsync(directFirst ? path.Direct : path.Gateway, Block));
                    (directFirst ? gateway : direct).AddRange(await TimeAsync(directFirst ? path.Gateway : path.Direct, Block));
                }

                results.Add((path.Call, Result.From(path.Call, "direct", direct, settings.Seconds), Result.From(path.Call, "gateway", gateway, settings.Seconds)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {path.Call}: direct p50 {results[^1].Item2.P50:F2} ms, gateway p50 {results[^1].Item3.P50:F2} ms"));
            }

            return results;
        }
    }

    private static void Table(List<(string Call, Result Direct, Result Gateway)> results)
    {
        Console.WriteLine("| call | direct p50 | gateway p50 | added p50 | direct p99 | gateway p99 | added p99 | samples |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (call, direct, gateway) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {call} | {direct.P50:F2} | {gateway.P50:F2} | {gateway.P50 - direct.P50:F2} | {direct.P99:F2} | {gateway.P99:F2} | " +
                $"{gateway.P99 - direct.P99:F2} | {direct.Latencies.Count} / {gateway.Latencies.Count} |"));
        }
    }

    /// <summary>
    /// Requests support <paramref name="count"/> times, one request every <see cref="Pace"/> (far longer than an offer takes
    /// to arrive, so one is in flight at a time), each for a fresh incident and colleague, then waits for the offers.
    /// Returns each request's start, for its arrivals in <paramref name="streams"/>.
    /// </summary>
    private static async Task<List<(string Incident, long Started)>> DispatchAsync(CallInvoker peerSupport, Metadata system, OfferStreams streams,
        string prefix, int count)
    {
        var requests = new List<(string, long)>(count);
        for (var i = 0; i < count; i++)
        {
            var incident = $"{prefix}-{i}";
            var started = Stopwatch.GetTimestamp();
            // Straight to PeerSupport: the request's own path is the same for both arrivals.
            await Unary(peerSupport, PeerSupportMethods.RequestSupport, Request(incident, $"{prefix}-colleague-{i}"), system, CancellationToken.None);
            requests.Add((incident, started));
            if (Pace - Stopwatch.GetElapsedTime(started) is { Ticks: > 0 } rest)
            {
                await Task.Delay(rest);
            }
        }

        // An offer late on either path still counts, up to Patience after its request.
        while (requests.Any(r => !streams.Seen(r.Item1) && Stopwatch.GetElapsedTime(r.Item2) < Patience))
        {
            await Task.Delay(10);
        }

        return requests;
    }

    private static void ReportDelivery(List<(string Incident, long Started)> requests, OfferStreams streams, int dispatches)
    {
        var (direct, gateway, added) = (new List<double>(), new List<double>(), new List<double>());
        foreach (var (incident, started) in requests)
        {
            var atDirect = streams.Direct.TryGetValue(incident, out var d) ? Milliseconds(started, d) : (double?)null;
            var atGateway = streams.Gateway.TryGetValue(incident, out var g) ? Milliseconds(started, g) : (double?)null;
            if (atDirect is { } x)
            {
                direct.Add(x);
            }

            if (atGateway is { } y)
            {
                gateway.Add(y);
            }

            if (atDirect is { } both && atGateway is { } other)
            {
                added.Add(other - both);
            }
        }

        var directResult = Result.From("offer", "direct", direct, 1);
        var gatewayResult = Result.From("offer", "gateway", gateway, 1);
        var addedResult = Result.From("offer", "added", added, 1);
        Console.WriteLine("Stream delivery: RequestSupport (straight to PeerSupport) → the offer on the Amsterdam members' WatchDispatches " +
                          "streams, held directly and through the gateway at once; added = per-offer gateway − direct arrival:");
        Console.WriteLine("| call | direct p50 | gateway p50 | added p50 | direct p99 | gateway p99 | added p99 | samples |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| WatchDispatches offer | {directResult.P50:F2} | {gatewayResult.P50:F2} | {addedResult.P50:F2} | {directResult.P99:F2} | " +
            $"{gatewayResult.P99:F2} | {addedResult.P99:F2} | {direct.Count} / {gateway.Count} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p90: direct {P90(direct):F2} ms, gateway {P90(gateway):F2} ms, added {P90(added):F2} ms. " +
            $"Offers seen within {Patience.TotalSeconds:F0} s of {dispatches} dispatches: {direct.Count} directly, {gateway.Count} through the gateway."));
        var perStream = streams.Members.Select(m => (Member: m, Direct: streams.Offers.GetValueOrDefault((m, "direct")), Gateway: streams.Offers.GetValueOrDefault((m, "gateway")))).ToList();
        Console.WriteLine("Offers per member's stream, warm-up included (direct / gateway): " +
                          string.Join(", ", perStream.Select(s => $"{s.Member} {s.Direct} / {s.Gateway}")));
        if (perStream.Any(s => s.Direct != s.Gateway))
        {
            Console.WriteLine("!!! THE DIRECT AND GATEWAY STREAMS OF A MEMBER RECEIVED DIFFERENT NUMBERS OF OFFERS !!!");
        }

        if (direct.Count != gateway.Count || direct.Count != dispatches)
        {
            Console.WriteLine($"!!! OFFERS MISSING: {dispatches - direct.Count} never arrived on the direct streams, " +
                              $"{dispatches - gateway.Count} never arrived on the gateway streams !!!");
        }

        if (streams.Failures.Count > 0)
        {
            Console.WriteLine($"!!! {streams.Failures.Count} stream(s) ended early: {string.Join("; ", streams.Failures)} !!!");
        }

        static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

        // Result has p50 and p99 only; the sorted samples give p90.
        static double P90(List<double> sorted) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.9 * sorted.Count) - 1)];
    }

    /// <summary>Load's closed loop with one caller; its client argument serves Offerings calls, so each path brings its own.</summary>
    private static Task<List<double>> TimeAsync(Func<CancellationToken, Task> call, TimeSpan duration) =>
        Load.RunAsync(null!, (_, ct) => call(ct), 1, duration);

    private static async Task GetAsync(HttpClient client, Uri uri, AuthenticationHeaderValue? authorization, CancellationToken cancellation)
    {
        // A request built by hand does not take the client's default version; h2c needs it.
        using var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        request.Headers.Authorization = authorization;
        using var response = await client.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(cancellation);
    }

    private static RequestSupportRequest Request(string incident, string colleague)
    {
        var request = new RequestSupportRequest
        {
            Region = Region,
            IncidentReference = incident,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-5)),
            // Routine: a 4-hour answer window, so no offer escalates to another member during the run.
            Urgency = Urgency.Routine,
            Requester = "Benchmark",
            Colleagues = { new Colleague { EmployeeId = colleague, Team = "benchmark-team" } },
        };
        request.InvolvedMembers.AddRange(Neighbours.SelectMany(r => Members(r).Select(m => "members/" + m)));
        return request;
    }

    private static IEnumerable<string> Members(string region) => Enumerable.Range(1, 6).Select(i => $"demo-{region}-{i}");

    private static async Task Unary<TRequest, TResponse>(CallInvoker invoker, Method<TRequest, TResponse> method, TRequest request, Metadata headers,
        CancellationToken cancellation) where TRequest : class where TResponse : class =>
        await invoker.AsyncUnaryCall(method, null, new CallOptions(headers, DateTime.UtcNow.Add(Patience), cancellation), request);

    private static Metadata Token(string subject, string[] roles, string? region) =>
        new() { { "Authorization", "Bearer " + DevelopmentTokens.Mint(subject, roles, TimeSpan.FromHours(2), region: region) } };

    private static string? Option(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static GrpcChannel Channel(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
    });

    /// <summary>
    /// Every Amsterdam member's WatchDispatches stream, directly and through the gateway, read in the background: the
    /// first arrival of each incident's offer per path, stamped as soon as the message is read.
    /// </summary>
    private sealed class OfferStreams : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<Task> _readers = [];

        public ConcurrentDictionary<string, long> Direct { get; } = new();

        public ConcurrentDictionary<string, long> Gateway { get; } = new();

        public ConcurrentQueue<string> Failures { get; } = new();

        /// <summary>Every offer message per member and path, warm-up included: both paths should see the same.</summary>
        public ConcurrentDictionary<(string Member, string Path), int> Offers { get; } = new();

        public IEnumerable<string> Members { get; } = GatewayLatency.Members(Region["regions/".Length..]).ToList();

        public bool Seen(string incident) => Direct.ContainsKey(incident) && Gateway.ContainsKey(incident);

        public static async Task<OfferStreams> OpenAsync(CallInvoker direct, CallInvoker gateway)
        {
            var streams = new OfferStreams();
            foreach (var member in streams.Members)
            {
                streams._readers.Add(streams.ReadAsync(direct, member, "direct", streams.Direct));
                streams._readers.Add(streams.ReadAsync(gateway, member, "gateway", streams.Gateway));
            }

            // The server sends nothing until an offer or a heartbeat; give the calls time to reach it.
            await Task.Delay(TimeSpan.FromSeconds(1));
            return streams;
        }

        private Task ReadAsync(CallInvoker invoker, string member, string path, ConcurrentDictionary<string, long> arrivals) => Task.Run(async () =>
        {
            var token = Token(member, [Roles.TcoMember], Region["regions/".Length..]);
            try
            {
                using var call = invoker.AsyncServerStreamingCall(PeerSupportMethods.WatchDispatches, null,
                    new CallOptions(token, cancellationToken: _stop.Token), new WatchDispatchesRequest { Member = "members/" + member });
                await foreach (var message in call.ResponseStream.ReadAllAsync(_stop.Token))
                {
                    if (message.Offer is { } offer)
                    {
                        arrivals.TryAdd(offer.IncidentReference, Stopwatch.GetTimestamp());
                        Offers.AddOrUpdate((member, path), 1, (_, n) => n + 1);
                    }
                }

                Failures.Enqueue($"{member} ({path}) ended by the server");
            }
            catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
            {
            }
            catch (Exception e)
            {
                Failures.Enqueue($"{member} ({path}): {e.Message}");
            }
        });

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_readers);
            _stop.Dispose();
        }
    }
}
