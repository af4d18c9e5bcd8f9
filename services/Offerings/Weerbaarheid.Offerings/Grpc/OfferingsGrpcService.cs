using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Weerbaarheid.Offerings.Data;
using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.Offerings.Grpc;

/// <summary>
/// weerbaarheid.offerings.v1.OfferingsService: translates messages to catalogue calls and back.
/// Reads are anonymous (partners and family have no account); writes need programme-admin.
/// </summary>
[Authorize(Roles = Roles.ProgrammeAdmin)]
public sealed class OfferingsGrpcService(OfferingCatalogue catalogue) : OfferingsService.OfferingsServiceBase
{
    [AllowAnonymous]
    public override async Task<GetOfferingResponse> GetOffering(GetOfferingRequest request, ServerCallContext context)
    {
        var offering = await catalogue.GetAsync(request.Name, "name", context.CancellationToken);
        return new GetOfferingResponse { Offering = offering.ToProto() };
    }

    [AllowAnonymous]
    public override async Task<ListOfferingsResponse> ListOfferings(ListOfferingsRequest request, ServerCallContext context)
    {
        var query = new OfferingQuery(
            (Domain.Audience)request.Audience, (Domain.Topic)request.Topic, (Domain.Category)request.Category,
            request.Query, request.ShowRetired, request.PageSize, request.PageToken);
        var page = await catalogue.ListAsync(query, context.CancellationToken);
        var response = new ListOfferingsResponse { NextPageToken = page.NextPageToken };
        response.Offerings.AddRange(page.Offerings.Select(o => o.ToProto()));
        return response;
    }

    public override async Task<CreateOfferingResponse> CreateOffering(CreateOfferingRequest request, ServerCallContext context)
    {
        var offering = await catalogue.CreateAsync(request.OfferingId, request.Offering.ToContent(), context.CancellationToken);
        return new CreateOfferingResponse { Offering = offering.ToProto() };
    }

    public override async Task<UpdateOfferingResponse> UpdateOffering(UpdateOfferingRequest request, ServerCallContext context)
    {
        // A missing offering is an empty one: its validation then names every required field.
        var offering = await catalogue.UpdateAsync(
            request.Offering?.Name ?? "", request.Offering.ToContent(), request.UpdateMask?.Paths ?? [], request.Offering?.Etag ?? "",
            context.CancellationToken);
        return new UpdateOfferingResponse { Offering = offering.ToProto() };
    }

    public override async Task<RetireOfferingResponse> RetireOffering(RetireOfferingRequest request, ServerCallContext context)
    {
        var offering = await catalogue.RetireAsync(request.Name, request.Etag, context.CancellationToken);
        return new RetireOfferingResponse { Offering = offering.ToProto() };
    }

    [AllowAnonymous]
    public override async Task<RecommendOfferingsResponse> RecommendOfferings(RecommendOfferingsRequest request, ServerCallContext context)
    {
        var result = await catalogue.RecommendAsync(new RecommendationRequest(
            request.Topics.Select(t => (Domain.Topic)t).ToArray(), (Domain.Severity)request.Severity,
            (Domain.Audience)request.Audience, request.MaxResults), context.CancellationToken);

        var response = new RecommendOfferingsResponse();
        response.Recommendations.AddRange(result.Recommendations.Select(r =>
        {
            var recommendation = new V1.Recommendation { Offering = r.Offering.ToProto(), Reason = r.Reason.ToProto() };
            recommendation.MatchedTopics.AddRange(r.MatchedTopics.Select(t => (V1.Topic)t));
            return recommendation;
        }));
        if (result.UrgentHelp is { } urgent)
        {
            response.UrgentHelp = new V1.UrgentHelp { Message = urgent.Message.ToProto() };
            response.UrgentHelp.Contacts.AddRange(urgent.Contacts.Select(c => c.ToProto()));
        }

        return response;
    }
}
