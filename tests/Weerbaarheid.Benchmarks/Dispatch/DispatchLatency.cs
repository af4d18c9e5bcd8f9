using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.Benchmarks.Dispatch;

// Dispatch latency through the gateway with the real broker running (run-dispatch-benchmark.sh):
// 1. offer delivery: RequestSupport, then the wait until the offer arrives on the on-call primary's
//    WatchDispatches stream; one request at a time, so each figure is one request's own latency;
// 2. escalation lateness: immediate dispatches nobody answers; how long after offer 1's deadline offer 2
//    was made (server timestamps, from GetDispatch) and reached the backup's stream (this machine's clock).
//   dotnet Weerbaarheid.Benchmarks.dll dispatch --gateway http://127.0.0.1:8921 [--requests 1000] [--escalations 50]
internal static class DispatchLatency
{
    private const string Region = "regions/amsterdam";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(string[] args)
    {
        var gateway = new Uri(Option(args, "--gateway") ?? "http://127.0.0.1:8921");
        var requests = int.Parse(Option(args, "--requests") ?? "1000", CultureInfo.InvariantCulture);
        var escalations = int.Parse(Option(args, "--escalations") ?? "50", CultureInfo.InvariantCulture);
        using var channel = GrpcChannel.ForAddress(gateway, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        var invoker = channel.CreateCallInvoker();
        var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

        var coordinator = Token("demo-amsterdam-1", Roles.TcoCoordinator, "amsterdam");
        var onCall = await Unary(invoker, PeerSupportMethods.GetOnCall, new GetOnCallRequest { Region = Region }, coordinator);
        var primary = onCall.Primary.Member["members/".Length..];
        var backup = onCall.Backup.Member["members/".Length..];
        Console.WriteLine($"Dispatch benchmark through {gateway}: primary {primary}, backup {backup}; {Environment.ProcessorCount} cores, .NET {Environment.Version}");

        await using var primaryStream = await OfferStream.OpenAsync(invoker, primary);
        var system = Token("bench-meldkamer", Roles.SystemPeerSupportRequest, null);

        // Warm-up: JIT, connection pools, the first database pages.
        await MeasureDeliveryAsync(invoker, system, primaryStream, $"warm-{run}", 50, Urgency.Routine);
        var delivery = await MeasureDeliveryAsync(invoker, system, primaryStream, $"bench-{run}", requests, Urgency.Routine);
        Report("RequestSupport → offer on the member's stream (through the gateway)", delivery);

        if (escalations > 0)
        {
            await using var backupStream = await OfferStream.OpenAsync(invoker, backup);
            var dispatches = new List<(string Name, Stopwatch Clock)>();
            for (var i = 0; i < escalations; i++)
            {
                var response = await Unary(invoker, PeerSupportMethods.RequestSupport, Request($"esc-{run}-{i}", $"esc{i}", Urgency.Immediate), system);
                dispatches.Add((response.Dispatches[0].Name, Stopwatch.StartNew()));
            }

            var arrivals = new Dictionary<string, DateTime>();
            while (arrivals.Count < dispatches.Count)
            {
                var offer = await backupStream.NextAsync(TimeSpan.FromMinutes(15));
                if (offer.OfferNumber == 2)
                {
                    arrivals[offer.Dispatch] = DateTime.UtcNow;
                }
            }

            var madeLate = new List<double>();
            var arrivedLate = new List<double>();
            foreach (var (name, _) in dispatches)
            {
                var dispatch = (await Unary(invoker, PeerSupportMethods.GetDispatch, new GetDispatchRequest { Name = name }, coordinator)).Dispatch;
                var deadline = dispatch.Offers[0].Deadline.ToDateTime();
                madeLate.Add((dispatch.Offers[1].OfferTime.ToDateTime() - deadline).TotalMilliseconds);
                arrivedLate.Add((arrivals[name] - deadline).TotalMilliseconds);
            }

            Report("Escalation: offer 2 made after offer 1's deadline (server clock)", madeLate);
            Report("Escalation: offer 2 on the backup's stream after offer 1's deadline", arrivedLate);
        }
    }

    private static async Task<List<double>> MeasureDeliveryAsync(CallInvoker invoker, Metadata system, OfferStream stream, string prefix, int count,
        Urgency urgency)
    {
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await Unary(invoker, PeerSupportMethods.RequestSupport, Request($"{prefix}-{i}", $"c{i}", urgency), system);
            var name = response.Dispatches[0].Name;
            while ((await stream.NextAsync(Patience)).Dispatch != name)
            {
                // an offer left from an earlier phase
            }

            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }

        return latencies;
    }

    private static RequestSupportRequest Request(string incident, string colleague, Urgency urgency) => new()
    {
        Region = Region,
        IncidentReference = incident,
        OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-5)),
        Urgency = urgency,
        Requester = "Benchmark",
        Colleagues = { new Colleague { EmployeeId = colleague, Team = "benchmark-team" } },
    };

    private static void Report(string title, List<double> values)
    {
        values.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: n={values.Count}, p50 {P(0.50):F1} ms, p99 {P(0.99):F1} ms, max {values[^1]:F1} ms"));

        double P(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Count) - 1, 0, values.Count - 1)];
    }

    private static async Task<TResponse> Unary<TRequest, TResponse>(CallInvoker invoker, Method<TRequest, TResponse> method, TRequest request,
        Metadata headers) where TRequest : class where TResponse : class =>
        await invoker.AsyncUnaryCall(method, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), request);

    private static Metadata Token(string subject, string role, string? region) =>
        new() { { "Authorization", "Bearer " + DevelopmentTokens.Mint(subject, [role], TimeSpan.FromHours(2), region: region) } };

    private static string? Option(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>A member's WatchDispatches stream, read in the background so no offer waits on the benchmark loop.</summary>
    private sealed class OfferStream : IAsyncDisposable
    {
        private readonly AsyncServerStreamingCall<WatchDispatchesResponse> _call;
        private readonly System.Threading.Channels.Channel<DispatchOffer> _offers = System.Threading.Channels.Channel.CreateUnbounded<DispatchOffer>();
        private readonly Task _reader;

        private OfferStream(AsyncServerStreamingCall<WatchDispatchesResponse> call)
        {
            _call = call;
            _reader = Task.Run(async () =>
            {
                try
                {
                    await foreach (var message in call.ResponseStream.ReadAllAsync())
                    {
                        if (message.Offer is { } offer)
                        {
                            await _offers.Writer.WriteAsync(offer);
                        }
                    }
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
                {
                }
            });
        }

        public static async Task<OfferStream> OpenAsync(CallInvoker invoker, string member)
        {
            var call = invoker.AsyncServerStreamingCall(PeerSupportMethods.WatchDispatches, null,
                new CallOptions(Token(member, Roles.TcoMember, "amsterdam")), new WatchDispatchesRequest { Member = "members/" + member });
            var stream = new OfferStream(call);
            await Task.Delay(500); // let the stream reach the service before the first request
            // Offers still open from an earlier run come first; drop them.
            while (stream._offers.Reader.TryRead(out _))
            {
            }

            return stream;
        }

        public async Task<DispatchOffer> NextAsync(TimeSpan patience)
        {
            using var timeout = new CancellationTokenSource(patience);
            return await _offers.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync()
        {
            _call.Dispose();
            await _reader;
        }
    }
}
