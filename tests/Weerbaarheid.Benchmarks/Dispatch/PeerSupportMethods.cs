using Google.Protobuf;
using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.Benchmarks.Dispatch;

/// <summary>
/// The DispatchService and RotaService methods the benchmarks call, over the service's own message types
/// (its project generates no client).
/// </summary>
internal static class PeerSupportMethods
{
    public static readonly Method<RequestSupportRequest, RequestSupportResponse> RequestSupport =
        Unary<RequestSupportRequest, RequestSupportResponse>("DispatchService", "RequestSupport", RequestSupportResponse.Parser);

    public static readonly Method<GetDispatchRequest, GetDispatchResponse> GetDispatch =
        Unary<GetDispatchRequest, GetDispatchResponse>("DispatchService", "GetDispatch", GetDispatchResponse.Parser);

    public static readonly Method<GetOnCallRequest, GetOnCallResponse> GetOnCall =
        Unary<GetOnCallRequest, GetOnCallResponse>("RotaService", "GetOnCall", GetOnCallResponse.Parser);

    public static readonly Method<WatchDispatchesRequest, WatchDispatchesResponse> WatchDispatches = new(MethodType.ServerStreaming,
        "weerbaarheid.peer_support.v1.DispatchService", "WatchDispatches", Marshallers.Create(m => m.ToByteArray(), WatchDispatchesRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), WatchDispatchesResponse.Parser.ParseFrom));

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(string service, string name, MessageParser<TResponse> parser)
        where TRequest : IMessage<TRequest>, new() where TResponse : IMessage<TResponse> =>
        new(MethodType.Unary, "weerbaarheid.peer_support.v1." + service, name,
            Marshallers.Create(m => m.ToByteArray(), new MessageParser<TRequest>(() => new TRequest()).ParseFrom),
            Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom));
}
