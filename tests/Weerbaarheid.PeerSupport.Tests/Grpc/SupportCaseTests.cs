using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// The case an accepted dispatch opens: the supporter records contacts (only when) and closes it, possibly
/// with a referral; the region's coordinator reads it, and every such read is audited. Each test makes its
/// own case in a region of its own; the clock moves forward by at most an hour per test.
/// </summary>
public sealed class SupportCaseTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task Accepting_a_dispatch_opens_a_case_for_the_supporter()
    {
        const string region = "amsterdam";
        var (supporter, dispatch) = await OfferedAsync(region, Urgency.Immediate);

        var accepted = await App.MemberNamed(supporter, region).AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name });

        var supportCase = accepted.SupportCase;
        Assert.Matches("^supportCases/[0-9a-f]{32}$", supportCase.Name);
        Assert.Equal((dispatch.Name, "regions/amsterdam", supporter), (supportCase.Dispatch, supportCase.Region, supportCase.Supporter));
        Assert.Equal(dispatch.Colleague, supportCase.Colleague);
        Assert.Equal(Now, ToInstant(supportCase.OpenTime));
        Assert.Equal(Now + Duration.FromHours(24), ToInstant(supportCase.FirstContactDue));
        Assert.Equal([Now + Duration.FromHours(72), Now + Duration.FromDays(28)], supportCase.FollowUpsDue.Select(ToInstant));
        Assert.Empty(supportCase.ContactTimes);
        Assert.Equal((CaseOutcome.Unspecified, ReferralTarget.Unspecified, false, false),
            (supportCase.Outcome, supportCase.Referral, supportCase.FirstContactMissed, supportCase.Anonymised));
        Assert.Null(supportCase.CloseTime);

        Assert.Equal((DispatchState.Accepted, supportCase.Name), (accepted.Dispatch.State, accepted.Dispatch.SupportCase));
        var offer = Assert.Single((await App.AsCoordinatorSeesAsync(dispatch)).Offers);
        Assert.Equal((OfferOutcome.Accepted, Now), (offer.Outcome, ToInstant(offer.AnswerTime)));
        Assert.Equal(supportCase, (await App.MemberNamed(supporter, region).GetSupportCaseAsync(new GetSupportCaseRequest { Name = supportCase.Name })).SupportCase);

        var opened = await App.PublishedAsync<CaseOpened>(e => e.SupportCase == supportCase.Name, "for the accepted dispatch");
        Assert.Equal((dispatch.Name, "regions/amsterdam", supporter, "IMMEDIATE"), (opened.Dispatch, opened.Region, opened.Supporter, opened.Urgency));
        Assert.Equal((Now.ToDateTimeOffset(), (Now + Duration.FromHours(24)).ToDateTimeOffset()), (opened.OpenedAt, opened.FirstContactDue));
    }

    [Fact]
    public async Task The_supporter_records_when_contacts_took_place_and_the_first_is_announced()
    {
        const string region = "rotterdam";
        var (supporter, supportCase) = await OpenCaseAsync(region, Urgency.Routine);
        var client = App.MemberNamed(supporter, region);
        var opened = ToInstant(supportCase.OpenTime);
        App.Clock.Advance(Duration.FromHours(1));
        var contact = (Instant at) => new RecordContactRequest { SupportCase = supportCase.Name, ContactTime = Ts(at) };

        Assert.Equal(["contact_time"], await Rpc.InvalidFieldsAsync(() => client.RecordContactAsync(contact(Now + Duration.FromMinutes(6)))));
        Assert.Equal(["contact_time"], await Rpc.InvalidFieldsAsync(() => client.RecordContactAsync(contact(opened - Duration.FromSeconds(1)))));
        Assert.Equal(["support_case", "contact_time"], await Rpc.InvalidFieldsAsync(() =>
            client.RecordContactAsync(new RecordContactRequest { SupportCase = "supportCases/een" })));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Member(DemoRota.Id(region, 3), region).Dispatch.RecordContactAsync(contact(Now)));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Coordinator(region).Dispatch.RecordContactAsync(contact(Now)));
        await Rpc.FailsAsync(StatusCode.NotFound, () =>
            client.RecordContactAsync(new RecordContactRequest { SupportCase = $"supportCases/{Guid.NewGuid():N}", ContactTime = Ts(Now) }));

        var later = (await client.RecordContactAsync(contact(Now - Duration.FromMinutes(10)))).SupportCase;
        var earlier = (await client.RecordContactAsync(contact(opened + Duration.FromMinutes(5)))).SupportCase;

        Assert.Equal([Now - Duration.FromMinutes(10)], later.ContactTimes.Select(ToInstant));
        Assert.Equal([opened + Duration.FromMinutes(5), Now - Duration.FromMinutes(10)], earlier.ContactTimes.Select(ToInstant));
        Assert.False(earlier.FirstContactMissed);
        await App.SettledAsync();
        var made = Assert.Single(App.PublishedSoFar<FirstContactMade>(e => e.SupportCase == supportCase.Name));
        Assert.Equal((supporter, (Now - Duration.FromMinutes(10)).ToDateTimeOffset(), true), (made.Supporter, made.ContactAt, made.InTime));
    }

    [Fact]
    public async Task A_case_is_closed_by_its_supporter_and_a_referral_names_where_to()
    {
        const string region = "den-haag";
        var (supporter, supportCase) = await OpenCaseAsync(region, Urgency.Within24Hours);
        var client = App.MemberNamed(supporter, region);
        var close = (CaseOutcome outcome, ReferralTarget referral) =>
            new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = outcome, Referral = referral };

        Assert.Equal(["referral"], await Rpc.InvalidFieldsAsync(() => client.CloseSupportCaseAsync(close(CaseOutcome.Referred, ReferralTarget.Unspecified))));
        Assert.Equal(["referral"], await Rpc.InvalidFieldsAsync(() => client.CloseSupportCaseAsync(close(CaseOutcome.Closed, ReferralTarget.Psychologist))));
        Assert.Equal(["outcome"], await Rpc.InvalidFieldsAsync(() => client.CloseSupportCaseAsync(close(CaseOutcome.Unspecified, ReferralTarget.Unspecified))));
        Assert.Equal(["outcome"], await Rpc.InvalidFieldsAsync(() => client.CloseSupportCaseAsync(close((CaseOutcome)9, ReferralTarget.Unspecified))));
        Assert.Equal(["name", "outcome"], await Rpc.InvalidFieldsAsync(() => client.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = "supportCases/x" })));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Member(DemoRota.Id(region, 3), region).Dispatch.CloseSupportCaseAsync(close(CaseOutcome.Closed, ReferralTarget.Unspecified)));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Coordinator(region).Dispatch.CloseSupportCaseAsync(close(CaseOutcome.Closed, ReferralTarget.Unspecified)));

        App.Clock.Advance(Duration.FromMinutes(30));
        var closed = (await client.CloseSupportCaseAsync(close(CaseOutcome.Referred, ReferralTarget.Psychologist))).SupportCase;

        Assert.Equal((CaseOutcome.Referred, ReferralTarget.Psychologist, Now), (closed.Outcome, closed.Referral, ToInstant(closed.CloseTime)));
        var caseClosed = await App.PublishedAsync<CaseClosed>(e => e.SupportCase == supportCase.Name, "for the referred case");
        Assert.Equal(("regions/den-haag", supporter, "REFERRED", Now.ToDateTimeOffset()),
            (caseClosed.Region, caseClosed.Supporter, caseClosed.Outcome, caseClosed.ClosedAt));
        var referral = await App.PublishedAsync<ReferralRequested>(e => e.SupportCase == supportCase.Name, "for the referred case");
        Assert.Equal((supporter, supportCase.Colleague.EmployeeId, "PSYCHOLOGIST"), (referral.Supporter, referral.ColleagueEmployeeId, referral.Target));

        // A closed case takes nothing more.
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => client.CloseSupportCaseAsync(close(CaseOutcome.Closed, ReferralTarget.Unspecified)));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () =>
            client.RecordContactAsync(new RecordContactRequest { SupportCase = supportCase.Name, ContactTime = Ts(Now) }));
    }

    [Fact]
    public async Task A_case_closed_without_referral_requests_none()
    {
        const string region = "limburg";
        var (supporter, supportCase) = await OpenCaseAsync(region, Urgency.Routine);

        var closed = (await App.MemberNamed(supporter, region).CloseSupportCaseAsync(
            new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = CaseOutcome.DeclinedByColleague })).SupportCase;

        Assert.Equal((CaseOutcome.DeclinedByColleague, ReferralTarget.Unspecified), (closed.Outcome, closed.Referral));
        Assert.Equal("DECLINED_BY_COLLEAGUE", (await App.PublishedAsync<CaseClosed>(e => e.SupportCase == supportCase.Name, "for the case")).Outcome);
        await App.SettledAsync();
        Assert.Empty(App.PublishedSoFar<ReferralRequested>(e => e.SupportCase == supportCase.Name));
    }

    [Fact]
    public async Task A_coordinators_reads_of_a_case_are_audited_and_the_supporters_own_are_not()
    {
        const string region = "noord-holland";
        var (supporter, supportCase) = await OpenCaseAsync(region, Urgency.Routine);
        var get = new GetSupportCaseRequest { Name = supportCase.Name };
        var coordinator = App.Coordinator(region).Dispatch;

        await App.MemberNamed(supporter, region).GetSupportCaseAsync(get);
        await App.MemberNamed(supporter, region).ListSupportCasesAsync(new ListSupportCasesRequest { Parent = supporter });
        Assert.Empty(await ReadsAsync(supportCase));

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Member(DemoRota.Id(region, 3), region).Dispatch.GetSupportCaseAsync(get));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Coordinator("amsterdam").Dispatch.GetSupportCaseAsync(get));
        await Rpc.FailsAsync(StatusCode.NotFound, () => coordinator.GetSupportCaseAsync(new GetSupportCaseRequest { Name = $"supportCases/{Guid.NewGuid():N}" }));
        Assert.Empty(await ReadsAsync(supportCase));

        var read = (await coordinator.GetSupportCaseAsync(get)).SupportCase;
        App.Clock.Advance(Duration.FromMinutes(1));
        var listed = (await coordinator.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = $"regions/{region}" })).SupportCases;

        Assert.Equal(supportCase, read);
        Assert.Equal([supportCase.Name], listed.Select(c => c.Name));
        Assert.Equal(
            [(DemoRota.Id(region, 1), "GetSupportCase", Now - Duration.FromMinutes(1)), (DemoRota.Id(region, 1), "ListSupportCases", Now)],
            (await ReadsAsync(supportCase)).Select(r => (r.Reader, r.Via, r.ReadAt)));
    }

    /// <summary>A fresh dispatch in <paramref name="region"/> and who it was offered to (the on-call primary).</summary>
    private async Task<(string Supporter, Dispatch Dispatch)> OfferedAsync(string region, Urgency urgency)
    {
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(
            SupportRequest(region, Now, urgency, MemberId("collega")))).Dispatches);
        return ((await App.AsCoordinatorSeesAsync(dispatch)).Offers[^1].Member, dispatch);
    }

    private async Task<(string Supporter, SupportCase Case)> OpenCaseAsync(string region, Urgency urgency)
    {
        var (supporter, dispatch) = await OfferedAsync(region, urgency);
        return (supporter, (await App.MemberNamed(supporter, region).AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name })).SupportCase);
    }

    private Task<List<(string Reader, string Via, Instant ReadAt)>> ReadsAsync(SupportCase supportCase)
    {
        var id = Dispatching.IdOf(supportCase.Name);
        return App.InScopeAsync<PeerSupportDbContext, List<(string, string, Instant)>>(async db =>
            (await db.CaseReads.AsNoTracking().Where(r => r.CaseId == id).ToListAsync())
            .OrderBy(r => r.ReadAt).Select(r => (r.Reader, r.Via, r.ReadAt)).ToList());
    }
}
