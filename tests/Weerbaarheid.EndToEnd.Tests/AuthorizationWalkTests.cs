using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Grpc.Core;
using Grpc.Net.Client;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// Every RPC of every contract, and every JSON binding of it, called through the real gateway without a token,
/// with a token the rule refuses and with one it admits: each answer must follow the access rule that the
/// service implementation's attributes state. The RPCs come from the protobuf descriptors and the rules from
/// the built services, so a new RPC is walked without anyone listing it here. Requests are empty (JSON: <c>{}</c>):
/// an admitted call gets whatever the service says about that, typically InvalidArgument or NotFound.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed partial class AuthorizationWalkTests(Suite suite, ITestOutputHelper output)
{
    private static readonly string[] Packages =
    [
        "weerbaarheid.offerings.v1", "weerbaarheid.peer_support.v1", "weerbaarheid.signal_training.v1", "weerbaarheid.self_test.v1",
    ];

    /// <summary>66 RPCs when this was written: far fewer means descriptors were not found, not that RPCs were removed.</summary>
    private const int PlausibleRpcCount = 60;

    /// <summary>The region claim of every token and the region in every path: region checks inside the methods pass.</summary>
    private const string Region = "amsterdam";

    /// <summary>
    /// The subject of every token and the member or participant in every path (members/*, enrolments/*), so
    /// "only the member themself" checks (watching one's offers, listing one's own dispatches, reading one's
    /// enrolment) pass. No such member exists: lookups answer NotFound, and nothing of the demo rota changes.
    /// </summary>
    private const string Walker = "e2e-walker";

    /// <summary>A unary call answers at once; nothing is slow with an empty request.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>An admitted stream may send nothing for a while (offers, heartbeats): reaching it is enough.</summary>
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(2);

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static readonly Lazy<(IReadOnlyDictionary<string, AccessRule> Rules, IReadOnlyList<string> Unimplemented)> Rules =
        new(() => ServiceAccessRules.Read(ContractRpcs.All));

    private static readonly Caller Anonymous = new("no token", null, []);

    private static readonly Caller WithoutRoles = new("signed in without roles", DevelopmentTokens.Mint(Walker, [], region: Region), []);

    private static readonly IReadOnlyDictionary<string, Caller> ByRole =
        Roles.All.ToDictionary(role => role, role => new Caller($"role {role}", DevelopmentTokens.Mint(Walker, [role], region: Region), [role]));

    /// <summary>
    /// Where a method narrows its attribute's roles by the resource in the path, by design: a region's dispatches
    /// and support cases are for its coordinator, a member lists their own under members/{member}
    /// (DispatchGrpcService.ParseParent). Only JSON reaches this: the empty gRPC request names no parent.
    /// </summary>
    private static readonly HashSet<(string PathTemplate, string Role)> RefusedInsideTheMethod =
    [
        ("/api/v1/{parent=regions/*}/dispatches", Roles.TcoMember),
        ("/api/v1/{parent=regions/*}/supportCases", Roles.TcoMember),
    ];

    [Fact]
    public void Descriptors_name_the_rpcs_of_all_four_packages_and_each_has_an_implementation()
    {
        var rpcs = ContractRpcs.All;
        var missing = Packages.Except(rpcs.Select(r => r.Package)).ToList();
        Assert.True(missing.Count == 0, $"No services found in {string.Join(", ", missing)}.");
        Assert.True(rpcs.Count >= PlausibleRpcCount, $"Only {rpcs.Count} RPCs found in the descriptors.");

        var unimplemented = Rules.Value.Unimplemented;
        Assert.True(unimplemented.Count == 0, $"RPCs without an implementation:{Environment.NewLine}{string.Join(Environment.NewLine, unimplemented)}");
    }

    [Fact]
    public void Only_the_rpcs_anonymous_by_design_admit_anonymous_callers()
    {
        var anonymous = ContractRpcs.All.Where(r => Rules.Value.Rules.GetValueOrDefault(r.FullName)?.Anonymous == true);
        var unexpected = anonymous.Where(r => !AnonymousByDesign(r)).Select(r => r.FullName).ToList();
        Assert.True(unexpected.Count == 0,
            $"Anonymous, but not by design:{Environment.NewLine}{string.Join(Environment.NewLine, unexpected)}");
    }

    [Fact]
    public async Task Every_rpc_and_json_binding_answers_by_its_access_rule_through_the_gateway()
    {
        await using var walk = await WalkDeployment.StartAsync(suite.Broker, suite.ScratchDirectory);
        using var suiteGateway = new Gateway(suite.GatewayGrpcPort, suite.GatewayHttpPort);
        using var walkGateway = new Gateway(walk.GatewayGrpcPort, walk.GatewayHttpPort);
        // Only the services these gateways front answer through them; a new package needs a backend here.
        var gateways = new Dictionary<string, Gateway>
        {
            ["weerbaarheid.offerings.v1"] = suiteGateway,
            ["weerbaarheid.peer_support.v1"] = suiteGateway,
            ["weerbaarheid.self_test.v1"] = walkGateway,
            ["weerbaarheid.signal_training.v1"] = walkGateway,
        };

        var failures = new ConcurrentBag<string>();
        var calls = new List<Func<Task>>();
        var rpcs = ContractRpcs.All;
        for (var index = 0; index < rpcs.Count; index++)
        {
            var rpc = rpcs[index];
            if (!gateways.TryGetValue(rpc.Package, out var gateway))
            {
                failures.Add($"{rpc.FullName} | - | - | no gateway in front of package {rpc.Package}: start its service for the walk");
                continue;
            }

            if (Rules.Value.Rules.GetValueOrDefault(rpc.FullName) is not { } rule)
            {
                failures.Add($"{rpc.FullName} | - | - | no implementation overrides it, so its rule is unknown");
                continue;
            }

            foreach (var caller in CallersFor(rule, index))
            {
                var expected = Expected(rule, caller);
                calls.Add(() => RecordAsync(failures, $"{rpc.FullName} | gRPC | {caller.Label}", () => GrpcMismatchAsync(gateway, rpc, caller, expected)));
                foreach (var binding in rpc.Bindings)
                {
                    var expectedByJson = expected == Outcome.Admitted && caller.Roles.Any(r => RefusedInsideTheMethod.Contains((binding.PathTemplate, r)))
                        ? Outcome.PermissionDenied
                        : expected;
                    calls.Add(() => RecordAsync(failures, $"{rpc.FullName} | {binding.Method} {binding.PathTemplate} | {caller.Label}",
                        () => JsonMismatchAsync(gateway, rpc, binding, caller, expectedByJson)));
                }
            }
        }

        var elapsed = Stopwatch.StartNew();
        await Parallel.ForEachAsync(calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (call, _) => await call());
        output.WriteLine($"{rpcs.Count} RPCs and {rpcs.Sum(r => r.Bindings.Count)} JSON bindings: {calls.Count} calls in {elapsed.Elapsed.TotalSeconds:0.0} s");

        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {calls.Count} calls did not answer by the access rule (RPC | call | caller | expected and actual):" +
            $"{Environment.NewLine}{string.Join(Environment.NewLine, failures.Order(StringComparer.Ordinal))}");
    }

    /// <summary>
    /// Anonymous by design: the self-test (architecture.md, "Security and privacy") and the catalogue's reads,
    /// for partners and family without an account. The self-test's figures need programme-admin.
    /// </summary>
    private static bool AnonymousByDesign(ContractRpc rpc) =>
        rpc.ServiceFullName == "weerbaarheid.self_test.v1.SelfTestService"
        || (rpc.ServiceFullName == "weerbaarheid.offerings.v1.OfferingsService" && rpc.Name is "GetOffering" or "ListOfferings" or "RecommendOfferings");

    /// <summary>
    /// No token; a caller the rule refuses, if there is one; and one it admits (for an open or any-signed-in
    /// RPC a token without roles). Refused and admitted roles rotate with the RPC's place in the walk, so the
    /// walk as a whole tries every role without calling each RPC with all of them.
    /// </summary>
    private static IEnumerable<Caller> CallersFor(AccessRule rule, int index)
    {
        yield return Anonymous;
        var refused = Roles.All.Where(r => !rule.Admits([r])).Select(r => ByRole[r]).ToList();
        if (refused.Count > 0)
        {
            refused.Insert(0, WithoutRoles);
            yield return refused[index % refused.Count];
        }

        var admitted = Roles.All.Where(r => rule.Admits([r])).Select(r => ByRole[r]).ToList();
        if (rule.Anonymous || rule.Roles is null)
        {
            yield return WithoutRoles;
        }
        else if (admitted.Count > 0)
        {
            yield return admitted[index % admitted.Count];
        }
    }

    private static Outcome Expected(AccessRule rule, Caller caller) =>
        rule.Anonymous ? Outcome.Admitted
        : caller.Token is null ? Outcome.Unauthenticated
        : rule.Admits(caller.Roles) ? Outcome.Admitted
        : Outcome.PermissionDenied;

    /// <summary>A mismatch, or a call that could not be made at all, joins the others instead of ending the walk.</summary>
    private static async Task RecordAsync(ConcurrentBag<string> failures, string call, Func<Task<string?>> check)
    {
        try
        {
            if (await check() is { } failure)
            {
                failures.Add(failure);
            }
        }
        catch (Exception exception)
        {
            failures.Add($"{call} | failed: {exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>An empty request message (zero bytes) by raw gRPC; null when the answer matches <paramref name="expected"/>.</summary>
    private static async Task<string?> GrpcMismatchAsync(Gateway gateway, ContractRpc rpc, Caller caller, Outcome expected)
    {
        var method = new Method<byte[], byte[]>(rpc.Type, rpc.ServiceFullName, rpc.Name, Bytes, Bytes);
        var headers = caller.Token is { } token ? new Metadata { { "Authorization", $"Bearer {token}" } } : null;
        var options = new CallOptions(headers, DateTime.UtcNow + (rpc.StreamsResponses ? StreamTimeout : CallTimeout));
        Status status;
        try
        {
            await CallAsync(gateway.Grpc, method, options);
            status = Status.DefaultSuccess;
        }
        catch (RpcException exception)
        {
            status = exception.Status;
        }

        var matches = expected switch
        {
            Outcome.Unauthenticated => status.StatusCode == StatusCode.Unauthenticated,
            Outcome.PermissionDenied => status.StatusCode == StatusCode.PermissionDenied,
            // Unavailable: no service behind the route (or 429); Unimplemented: no route, or no such method.
            _ => status.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unavailable or StatusCode.Unimplemented)
                && (status.StatusCode != StatusCode.DeadlineExceeded || rpc.StreamsResponses),
        };
        return matches ? null : $"{rpc.FullName} | gRPC | {caller.Label} | expected {Describe(expected)}, got {status.StatusCode}: {status.Detail}";
    }

    /// <summary>Until the answer, or for a stream its first message, end or deadline.</summary>
    private static async Task CallAsync(CallInvoker invoker, Method<byte[], byte[]> method, CallOptions options)
    {
        switch (method.Type)
        {
            case MethodType.Unary:
                using (var call = invoker.AsyncUnaryCall(method, null, options, []))
                {
                    await call.ResponseAsync;
                }

                break;
            case MethodType.ServerStreaming:
                using (var call = invoker.AsyncServerStreamingCall(method, null, options, []))
                {
                    await call.ResponseStream.MoveNext(CancellationToken.None);
                }

                break;
            case MethodType.ClientStreaming:
                using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                {
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseAsync;
                }

                break;
            default:
                using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                {
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseStream.MoveNext(CancellationToken.None);
                }

                break;
        }
    }

    /// <summary>The binding's verb and path with placeholders, <c>{}</c> as the body where it has one.</summary>
    private static async Task<string?> JsonMismatchAsync(Gateway gateway, ContractRpc rpc, JsonBinding binding, Caller caller, Outcome expected)
    {
        var path = PathOf(binding.PathTemplate);
        using var request = new HttpRequestMessage(binding.Method, path);
        if (binding.HasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        if (caller.Token is { } token)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var timeout = new CancellationTokenSource(rpc.StreamsResponses ? StreamTimeout : CallTimeout);
        HttpStatusCode? status = null;
        var body = "";
        try
        {
            // Headers only: an admitted stream's body never ends.
            using var response = await gateway.Json.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                body = await response.Content.ReadAsStringAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // No headers before the timeout: for a stream, it was admitted and waits for something to send.
        }

        var matches = expected switch
        {
            Outcome.Unauthenticated => status == HttpStatusCode.Unauthorized,
            Outcome.PermissionDenied => status == HttpStatusCode.Forbidden,
            _ => status is null ? rpc.StreamsResponses : Admitted(status.Value, body),
        };
        var actual = status is null ? "no answer in time" : $"{(int)status} {Shorten(body)}";
        return matches ? null : $"{rpc.FullName} | {binding.Method} {path} | {caller.Label} | expected {Describe(expected)}, got {actual}";
    }

    /// <summary>
    /// Past the access checks and answered by the service. A 404 from the service (an unknown resource) names
    /// it in a body; an empty 404 means that no gateway route or transcoded endpoint took the path. 429: the
    /// gateway's anonymous rate limit, which the walk must not hit.
    /// </summary>
    private static bool Admitted(HttpStatusCode status, string body) =>
        status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.MethodNotAllowed or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
        && !(status == HttpStatusCode.NotFound && string.IsNullOrWhiteSpace(body));

    /// <summary>
    /// A path for a <c>google.api.http</c> template: <c>{name=regions/*}</c> → <c>regions/amsterdam</c>,
    /// <c>{member=members/*}</c> → <c>members/e2e-walker</c> (enrolments too), any other <c>*</c> or bare
    /// <c>{field}</c> → <c>x</c>.
    /// </summary>
    private static string PathOf(string template) => PathVariable().Replace(template, variable =>
    {
        if (!variable.Groups["pattern"].Success)
        {
            return "x";
        }

        var segments = variable.Groups["pattern"].Value.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is "*" or "**")
            {
                segments[i] = (i > 0 ? segments[i - 1] : "") switch
                {
                    "regions" => Region,
                    "members" or "enrolments" => Walker,
                    _ => "x",
                };
            }
        }

        return string.Join('/', segments);
    });

    [GeneratedRegex(@"\{(?<field>[^}=]+)(=(?<pattern>[^}]+))?\}")]
    private static partial Regex PathVariable();

    private static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Unauthenticated => "unauthenticated",
        Outcome.PermissionDenied => "permission denied",
        _ => "admitted and answered by the service",
    };

    private static string Shorten(string body) => body.Length <= 200 ? body : $"{body[..200]}…";

    private enum Outcome
    {
        Unauthenticated,
        PermissionDenied,
        Admitted,
    }

    private sealed record Caller(string Label, string? Token, IReadOnlyList<string> Roles);

    /// <summary>A gateway's gRPC (h2c) and JSON ports.</summary>
    private sealed class Gateway : IDisposable
    {
        private readonly GrpcChannel _channel;

        public Gateway(int grpcPort, int httpPort)
        {
            // h2c: a plain http:// address makes Grpc.Net.Client speak HTTP/2 without TLS.
            _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            Grpc = _channel.CreateCallInvoker();
            // Each call has its own timeout.
            Json = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Timeout.InfiniteTimeSpan };
        }

        public CallInvoker Grpc { get; }

        public HttpClient Json { get; }

        public void Dispose()
        {
            Json.Dispose();
            _channel.Dispose();
        }
    }
}
