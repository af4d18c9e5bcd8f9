using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// Who is passed over when a dispatch is offered, through the service: members involved in the incident, the
/// colleague themself, members of the colleague's own team, members at their open-case cap and members
/// resting after an immediate case; the region's coordinator sees each with the reason in GetDispatch's
/// choices. In the <see cref="DemoRota"/> members n and n+3 share a team, so the on-call primary (2) and
/// backup (5) of the first days do. The clock stays at <see cref="PeerSupportApp.Start"/>; each test uses a
/// region of its own.
/// </summary>
public sealed class DispatchSelectionTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Kept = "Coordinator of the region: kept for escalation.";

    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task Members_involved_in_the_incident_are_passed_over_and_only_the_coordinator_sees_why()
    {
        const string region = "den-haag";
        var onCall = await App.OnCallAsync(region);
        var request = SupportRequest(region, Now, Urgency.Immediate, MemberId("collega"));
        request.InvolvedMembers.Add(onCall.Primary.Member);

        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);
        var seen = await App.AsCoordinatorSeesAsync(dispatch);

        var offer = Assert.Single(seen.Offers);
        Assert.Equal((onCall.Backup.Member, "On-call backup of the region."), (offer.Member, offer.Reason));
        var choice = Assert.Single(seen.Choices);
        Assert.Equal((onCall.Backup.Member, "On-call backup of the region."), (choice.Chosen, choice.Reason));
        Assert.Equal(Now, ToInstant(choice.ChoiceTime));
        Assert.Equal([(onCall.Primary.Member, "Involved in the incident."), (onCall.Coordinator.Member, Kept)],
            choice.PassedOver.Select(p => (p.Member, p.Reason)));

        // The backup sees their own offer, not who was passed over; the primary does not see the dispatch at all.
        var asBackup = (await App.MemberNamed(onCall.Backup.Member, region).GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name })).Dispatch;
        Assert.Equal([onCall.Backup.Member], asBackup.Offers.Select(o => o.Member));
        Assert.Empty(asBackup.Choices);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.MemberNamed(onCall.Primary.Member, region).GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name }));
    }

    [Fact]
    public async Task A_tco_member_asking_for_themself_is_not_offered_their_own_dispatch()
    {
        const string region = "zeeland-west-brabant";
        var onCall = await App.OnCallAsync(region);
        var primary = App.MemberNamed(onCall.Primary.Member, region);

        var dispatch = Assert.Single((await primary.RequestSupportAsync(
            SupportRequest(region, Now, Urgency.Within24Hours, onCall.Primary.Member["members/".Length..]))).Dispatches);
        var seen = await App.AsCoordinatorSeesAsync(dispatch);

        Assert.Equal([onCall.Backup.Member], seen.Offers.Select(o => o.Member));
        Assert.Equal([(onCall.Primary.Member, "The colleague who needs support."), (onCall.Coordinator.Member, Kept)],
            Assert.Single(seen.Choices).PassedOver.Select(p => (p.Member, p.Reason)));
        // As its requester they follow it, without seeing who supports them.
        var followed = (await primary.GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name })).Dispatch;
        Assert.Equal(DispatchState.Offered, followed.State);
        Assert.Empty(followed.Offers);
    }

    [Fact]
    public async Task Members_of_the_colleagues_own_team_are_passed_over()
    {
        const string region = "noord-holland";
        var onCall = await App.OnCallAsync(region);
        var request = SupportRequest(region, Now, Urgency.Immediate, MemberId("collega"));
        request.Colleagues[0].Team = onCall.Primary.Team.ToUpperInvariant();

        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);
        var choice = Assert.Single((await App.AsCoordinatorSeesAsync(dispatch)).Choices);

        // Primary 2 and backup 5 share a team; the coordinator (1) is kept; of 3, 4 and 6, none dispatched yet, 3 comes first.
        Assert.Equal(DemoRota.Team(region, 2), onCall.Primary.Team);
        Assert.Equal(DemoRota.Team(region, 5), onCall.Backup.Team);
        Assert.Equal(
            [(onCall.Primary.Member, "In the colleague's own team."), (onCall.Backup.Member, "In the colleague's own team."), (onCall.Coordinator.Member, Kept)],
            choice.PassedOver.Select(p => (p.Member, p.Reason)));
        Assert.Equal(DemoRota.Name(region, 3), choice.Chosen);
        Assert.Equal($"Qualified member of regions/{region}, never dispatched, 0 open case(s).", choice.Reason);
    }

    [Fact]
    public async Task A_member_at_their_open_case_cap_is_passed_over_until_a_case_closes()
    {
        const string region = "midden-nederland";
        var onCall = await App.OnCallAsync(region);
        var coordinator = App.Coordinator(region);
        var member = (await coordinator.GetMemberAsync(new GetMemberRequest { Name = onCall.Primary.Member })).Member;
        member.MaxOpenCases = 1;
        await coordinator.UpdateMemberAsync(new UpdateMemberRequest { Member = member, UpdateMask = new FieldMask { Paths = { "max_open_cases" } } });
        var primary = App.MemberNamed(onCall.Primary.Member, region);

        var first = await RequestOneAsync(region, Urgency.Routine);
        var supportCase = (await primary.AcceptDispatchAsync(new AcceptDispatchRequest { Name = first.Name })).SupportCase;
        var whileAtCap = await App.AsCoordinatorSeesAsync(await RequestOneAsync(region, Urgency.Routine));
        await primary.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = CaseOutcome.Closed });
        var afterClosing = await App.AsCoordinatorSeesAsync(await RequestOneAsync(region, Urgency.Routine));

        Assert.Equal([onCall.Backup.Member], whileAtCap.Offers.Select(o => o.Member));
        Assert.Contains((onCall.Primary.Member, "At the open-case cap (1 of 1)."), Assert.Single(whileAtCap.Choices).PassedOver.Select(p => (p.Member, p.Reason)));
        // A routine case is no heavy case: no rest afterwards.
        Assert.Equal([onCall.Primary.Member], afterClosing.Offers.Select(o => o.Member));
        Assert.Equal([(onCall.Coordinator.Member, Kept)], Assert.Single(afterClosing.Choices).PassedOver.Select(p => (p.Member, p.Reason)));
    }

    [Fact]
    public async Task A_member_who_took_an_immediate_case_rests_even_once_it_is_closed()
    {
        const string region = "oost-nederland";
        var onCall = await App.OnCallAsync(region);
        var primary = App.MemberNamed(onCall.Primary.Member, region);

        var heavy = await RequestOneAsync(region, Urgency.Immediate);
        var supportCase = (await primary.AcceptDispatchAsync(new AcceptDispatchRequest { Name = heavy.Name })).SupportCase;
        await primary.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = CaseOutcome.DeclinedByColleague });
        var next = await App.AsCoordinatorSeesAsync(await RequestOneAsync(region, Urgency.Routine));

        Assert.Equal([onCall.Backup.Member], next.Offers.Select(o => o.Member));
        Assert.Equal(
            [(onCall.Primary.Member, $"Resting after a heavy case until {Now + Duration.FromHours(48)}."), (onCall.Coordinator.Member, Kept)],
            Assert.Single(next.Choices).PassedOver.Select(p => (p.Member, p.Reason)));
    }

    private async Task<Dispatch> RequestOneAsync(string region, Urgency urgency) =>
        Assert.Single((await App.ControlRoom(region).RequestSupportAsync(SupportRequest(region, Now, urgency, MemberId("collega")))).Dispatches);
}
