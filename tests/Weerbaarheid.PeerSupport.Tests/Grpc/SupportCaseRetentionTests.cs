using NodaTime;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// Retention, run by hand (<c>DispatchStore.AnonymiseExpiredAsync</c>): longer than the retention period
/// (default 365 days) after a case closed, or after a dispatch that never became a case began, the colleague's
/// details are removed; who supported, when and how stay. The clock jumps a year, so this class is one
/// scenario on a host of its own.
/// </summary>
public sealed class SupportCaseRetentionTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    [Fact]
    public async Task The_colleague_is_removed_from_cases_and_dispatches_a_year_after_they_ended()
    {
        var start = App.Clock.GetCurrentInstant();
        // One incident system asks for all of them, so the anonymised dispatches share their (emptied) keys.
        var source = App.As("incidentsysteem", null, Roles.SystemPeerSupportRequest).Dispatch;
        const string region = "oost-brabant";
        var onCall = await App.OnCallAsync(region);
        var supporter = App.MemberNamed(onCall.Primary.Member, region);
        var request = SupportRequest(region, start, Urgency.Routine, MemberId("gesloten"), MemberId("open"));
        var dispatches = (await source.RequestSupportAsync(request)).Dispatches;
        var closedCase = (await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatches[0].Name })).SupportCase;
        var openCase = (await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatches[1].Name })).SupportCase;
        await supporter.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = closedCase.Name, Outcome = CaseOutcome.Closed });
        var neverTaken = await AlertedDispatchAsync(source);

        App.Clock.Reset(start + Duration.FromDays(365));
        Assert.Equal(0, await App.AnonymiseExpiredAsync());
        App.Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(3, await App.AnonymiseExpiredAsync());
        Assert.Equal(0, await App.AnonymiseExpiredAsync());

        var anonymisedCase = (await supporter.GetSupportCaseAsync(new GetSupportCaseRequest { Name = closedCase.Name })).SupportCase;
        Assert.True(anonymisedCase.Anonymised);
        Assert.Equal(new Colleague(), anonymisedCase.Colleague);
        Assert.Equal((closedCase.Supporter, closedCase.OpenTime, CaseOutcome.Closed, start),
            (anonymisedCase.Supporter, anonymisedCase.OpenTime, anonymisedCase.Outcome, ToInstant(anonymisedCase.CloseTime)));

        var anonymisedDispatch = await App.AsCoordinatorSeesAsync(dispatches[0]);
        Assert.Equal(new Colleague(), anonymisedDispatch.Colleague);
        Assert.Equal(("", ""), (anonymisedDispatch.IncidentReference, anonymisedDispatch.Requester));
        Assert.Equal([(onCall.Primary.Member, OfferOutcome.Accepted)], anonymisedDispatch.Offers.Select(o => (o.Member, o.Outcome)));

        var anonymisedAlert = await App.AsCoordinatorSeesAsync(neverTaken);
        Assert.Equal(new Colleague(), anonymisedAlert.Colleague);
        Assert.Equal(DispatchState.CoordinatorAlerted, anonymisedAlert.State);
        Assert.Equal([(OfferOutcome.Declined, "")], anonymisedAlert.Offers.Select(o => (o.Outcome, o.DeclineReason)));

        // The open case keeps the colleague, however old.
        var stillOpen = (await supporter.GetSupportCaseAsync(new GetSupportCaseRequest { Name = openCase.Name })).SupportCase;
        Assert.False(stillOpen.Anonymised);
        Assert.Equal(request.Colleagues[1], stillOpen.Colleague);
        Assert.Equal(request.Colleagues[1], (await App.AsCoordinatorSeesAsync(dispatches[1])).Colleague);

        // The same request again is a new one: the forgotten dispatch no longer answers for it.
        var repeated = request.Clone();
        repeated.Colleagues.RemoveAt(1);
        var again = Assert.Single((await source.RequestSupportAsync(repeated)).Dispatches);
        Assert.NotEqual(dispatches[0].Name, again.Name);
        Assert.Equal(request.Colleagues[0], (await App.AsCoordinatorSeesAsync(again)).Colleague);
    }

    /// <summary>A dispatch that nobody took: the only one left declines, so the coordinator is alerted.</summary>
    private async Task<Dispatch> AlertedDispatchAsync(DispatchClient source)
    {
        var (request, onCall) = await App.OnlyThePrimaryLeftAsync(Urgency.Immediate);
        var dispatch = Assert.Single((await source.RequestSupportAsync(request)).Dispatches);
        var declined = await App.MemberNamed(onCall.Primary.Member, "landelijke-eenheid").DeclineDispatchAsync(
            new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Ik ken de collega privé." });
        Assert.Equal(DispatchState.CoordinatorAlerted, declined.Dispatch.State);
        return dispatch;
    }
}
