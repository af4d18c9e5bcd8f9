using Grpc.Core;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.offerings.v1.OfferingsService over the method definitions the service itself
/// was generated with. The proto is compiled once, into the service (server stubs); compiling it again
/// here for a client stub would duplicate every message type, so the methods are read from the
/// generated <c>BindService</c> instead.
/// </summary>
public sealed class OfferingsClient(CallInvoker invoker, string? token = null)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodCollector.Collect();

    /// <summary>The channel's invoker, to make a client with another token.</summary>
    public CallInvoker Invoker => invoker;

    public Task<GetOfferingResponse> GetOfferingAsync(GetOfferingRequest request) =>
        CallAsync<GetOfferingRequest, GetOfferingResponse>("GetOffering", request);

    public Task<ListOfferingsResponse> ListOfferingsAsync(ListOfferingsRequest request) =>
        CallAsync<ListOfferingsRequest, ListOfferingsResponse>("ListOfferings", request);

    public Task<CreateOfferingResponse> CreateOfferingAsync(CreateOfferingRequest request) =>
        CallAsync<CreateOfferingRequest, CreateOfferingResponse>("CreateOffering", request);

    public Task<UpdateOfferingResponse> UpdateOfferingAsync(UpdateOfferingRequest request) =>
        CallAsync<UpdateOfferingRequest, UpdateOfferingResponse>("UpdateOffering", request);

    public Task<RetireOfferingResponse> RetireOfferingAsync(RetireOfferingRequest request) =>
        CallAsync<RetireOfferingRequest, RetireOfferingResponse>("RetireOffering", request);

    public Task<RecommendOfferingsResponse> RecommendOfferingsAsync(RecommendOfferingsRequest request) =>
        CallAsync<RecommendOfferingsRequest, RecommendOfferingsResponse>("RecommendOfferings", request);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string name, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("Authorization", $"Bearer {token}");
        }

        var method = (Method<TRequest, TResponse>)Methods[name];
        var options = new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(30));
        return await invoker.AsyncUnaryCall(method, null, options, request);
    }

    /// <summary>Records the methods the generated code binds, without an implementation.</summary>
    private sealed class MethodCollector : ServiceBinderBase
    {
        private readonly Dictionary<string, IMethod> _methods = [];

        public static IReadOnlyDictionary<string, IMethod> Collect()
        {
            var collector = new MethodCollector();
            OfferingsService.BindService(collector, null);
            return collector._methods;
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            _methods.Add(method.Name, method);
    }
}
