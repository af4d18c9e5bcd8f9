using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.peer_support.v1.DispatchService, over the service's own method definitions
/// (<see cref="BoundServiceClient"/>). Reach it as <see cref="RotaClient.Dispatch"/>, with the same caller.
/// WatchDispatches is a server stream, which <see cref="BoundServiceClient"/> does not bind, so this client
/// collects the methods itself and opens the stream with <see cref="Watch"/>.
/// </summary>
public sealed class DispatchClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = Collect();

    private readonly string? _token = token;

    /// <summary>Every RPC of the service, to check that tables over the RPCs leave none out.</summary>
    public static IReadOnlyCollection<string> MethodNames => Methods.Keys.ToArray();

    public Task<RequestSupportResponse> RequestSupportAsync(RequestSupportRequest request) =>
        CallAsync<RequestSupportRequest, RequestSupportResponse>("RequestSupport", request);

    public Task<GetDispatchResponse> GetDispatchAsync(GetDispatchRequest request) =>
        CallAsync<GetDispatchRequest, GetDispatchResponse>("GetDispatch", request);

    public Task<ListDispatchesResponse> ListDispatchesAsync(ListDispatchesRequest request) =>
        CallAsync<ListDispatchesRequest, ListDispatchesResponse>("ListDispatches", request);

    public Task<AcceptDispatchResponse> AcceptDispatchAsync(AcceptDispatchRequest request) =>
        CallAsync<AcceptDispatchRequest, AcceptDispatchResponse>("AcceptDispatch", request);

    public Task<DeclineDispatchResponse> DeclineDispatchAsync(DeclineDispatchRequest request) =>
        CallAsync<DeclineDispatchRequest, DeclineDispatchResponse>("DeclineDispatch", request);

    public Task<GetSupportCaseResponse> GetSupportCaseAsync(GetSupportCaseRequest request) =>
        CallAsync<GetSupportCaseRequest, GetSupportCaseResponse>("GetSupportCase", request);

    public Task<ListSupportCasesResponse> ListSupportCasesAsync(ListSupportCasesRequest request) =>
        CallAsync<ListSupportCasesRequest, ListSupportCasesResponse>("ListSupportCases", request);

    public Task<RecordContactResponse> RecordContactAsync(RecordContactRequest request) =>
        CallAsync<RecordContactRequest, RecordContactResponse>("RecordContact", request);

    public Task<CloseSupportCaseResponse> CloseSupportCaseAsync(CloseSupportCaseRequest request) =>
        CallAsync<CloseSupportCaseRequest, CloseSupportCaseResponse>("CloseSupportCase", request);

    /// <summary>
    /// Opens WatchDispatches. The stream lasts until <paramref name="cancellationToken"/> is cancelled or the
    /// call is disposed; a refused call throws its <see cref="RpcException"/> from the first read.
    /// </summary>
    public AsyncServerStreamingCall<WatchDispatchesResponse> Watch(WatchDispatchesRequest request, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (_token is not null)
        {
            headers.Add("Authorization", $"Bearer {_token}");
        }

        var method = (Method<WatchDispatchesRequest, WatchDispatchesResponse>)Methods["WatchDispatches"];
        return Invoker.AsyncServerStreamingCall(method, null, new CallOptions(headers, cancellationToken: cancellationToken), request);
    }

    /// <summary>Opens WatchDispatches, reads its first message and closes it: enough to see whether the call is allowed.</summary>
    public async Task<WatchDispatchesResponse> WatchFirstAsync(WatchDispatchesRequest request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = Watch(request, timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "The stream ended without a message.");
        return call.ResponseStream.Current;
    }

    private static Dictionary<string, IMethod> Collect()
    {
        var collector = new MethodCollector();
        DispatchService.BindService(collector, null);
        return collector.Methods;
    }

    /// <summary>Records the unary and server-streaming methods the generated code binds, without an implementation.</summary>
    private sealed class MethodCollector : ServiceBinderBase
    {
        public Dictionary<string, IMethod> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method.Name, method);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method,
            ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method.Name, method);
    }
}
