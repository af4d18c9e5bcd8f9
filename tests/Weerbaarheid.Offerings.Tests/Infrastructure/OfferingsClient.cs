using Grpc.Core;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.Offerings.Tests.Infrastructure;

/// <summary>A client of weerbaarheid.offerings.v1.OfferingsService, over the service's own method definitions (<see cref="BoundServiceClient"/>).</summary>
public sealed class OfferingsClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodsOf(binder => OfferingsService.BindService(binder, null));

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
}
