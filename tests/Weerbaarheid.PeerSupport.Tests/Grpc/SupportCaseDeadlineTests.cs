using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// The case deadlines as time passes, announced by <c>DispatchStore.AnnounceCaseDeadlinesAsync</c> (run by
/// hand): a missed first contact (FirstContactMissed and the coordinator's notification) once, and each
/// follow-up (FollowUpDue; by default about 72 hours and 4 weeks after opening) once. The clock only moves
/// forward, so this class is one scenario on a host of its own.
/// </summary>
public sealed class SupportCaseDeadlineTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    [Fact]
    public async Task A_missed_first_contact_and_each_follow_up_are_announced_once_as_they_fall_due()
    {
        const string region = "midden-nederland";
        var opened = App.Clock.GetCurrentInstant();
        var onCall = await App.OnCallAsync(region);
        var supporter = App.MemberNamed(onCall.Primary.Member, region);
        // Both to the primary: nobody has a case yet, and within 24 hours is no heavy case.
        var dispatches = (await App.ControlRoom(region).RequestSupportAsync(
            SupportRequest(region, opened, Urgency.Within24Hours, MemberId("stil"), MemberId("gesproken")))).Dispatches;
        var silent = (await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatches[0].Name })).SupportCase;
        var contacted = (await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatches[1].Name })).SupportCase;
        await supporter.RecordContactAsync(new RecordContactRequest { SupportCase = contacted.Name, ContactTime = Ts(opened) });
        var firstContactDue = opened + Duration.FromHours(72);
        Assert.Equal(firstContactDue, ToInstant(silent.FirstContactDue));

        // Just before the first contact is due: nothing.
        App.Clock.Reset(firstContactDue - Duration.FromSeconds(1));
        Assert.Equal(0, await App.AnnounceCaseDeadlinesAsync());

        // At 72 hours the silent case's first contact is missed, and the first follow-up of both falls due.
        App.Clock.Reset(firstContactDue);
        Assert.Equal(2, await App.AnnounceCaseDeadlinesAsync());
        Assert.Equal(0, await App.AnnounceCaseDeadlinesAsync());
        await App.SettledAsync();

        var missed = Assert.Single(App.PublishedSoFar<FirstContactMissed>());
        Assert.Equal((silent.Name, $"regions/{region}", onCall.Primary.Member, (string?)onCall.Coordinator.Member, firstContactDue.ToDateTimeOffset()),
            (missed.SupportCase, missed.Region, missed.Supporter, missed.Coordinator, missed.FirstContactDue));
        var alert = Assert.Single(App.PublishedSoFar<DispatchNotificationRequested>(e => e.Kind == "FIRST_CONTACT_MISSED"));
        Assert.Equal((onCall.Coordinator.Member, silent.Name), (alert.Member, alert.Subject));
        Assert.Equal(new[] { (silent.Name, 1), (contacted.Name, 1) }.Order(), FollowUps());
        Assert.True((await supporter.GetSupportCaseAsync(new GetSupportCaseRequest { Name = silent.Name })).SupportCase.FirstContactMissed);
        Assert.False((await supporter.GetSupportCaseAsync(new GetSupportCaseRequest { Name = contacted.Name })).SupportCase.FirstContactMissed);

        // A late contact does not announce the missed one again; the contacted case is closed.
        App.Clock.Advance(Duration.FromDays(1));
        await supporter.RecordContactAsync(new RecordContactRequest { SupportCase = silent.Name, ContactTime = Ts(App.Clock.GetCurrentInstant()) });
        await supporter.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = contacted.Name, Outcome = CaseOutcome.Closed });
        Assert.Equal(0, await App.AnnounceCaseDeadlinesAsync());

        // At four weeks the second follow-up of the open case falls due; the closed case has none.
        App.Clock.Reset(opened + Duration.FromDays(28) - Duration.FromSeconds(1));
        Assert.Equal(0, await App.AnnounceCaseDeadlinesAsync());
        App.Clock.Reset(opened + Duration.FromDays(28));
        Assert.Equal(1, await App.AnnounceCaseDeadlinesAsync());
        App.Clock.Advance(Duration.FromDays(30));
        Assert.Equal(0, await App.AnnounceCaseDeadlinesAsync());
        await App.SettledAsync();

        Assert.Equal(new[] { (silent.Name, 1), (contacted.Name, 1), (silent.Name, 2) }.Order(), FollowUps());
        var second = App.PublishedSoFar<FollowUpDue>().Single(e => e.FollowUpNumber == 2);
        Assert.Equal((onCall.Primary.Member, (opened + Duration.FromDays(28)).ToDateTimeOffset()), (second.Supporter, second.DueAt));
        Assert.Single(App.PublishedSoFar<FirstContactMissed>());
        var made = Assert.Single(App.PublishedSoFar<FirstContactMade>(e => e.SupportCase == silent.Name));
        Assert.False(made.InTime);
    }

    /// <summary>Every FollowUpDue so far as (case, number), in a fixed order: cases due at one instant are announced in any order.</summary>
    private IOrderedEnumerable<(string, int)> FollowUps() => App.PublishedSoFar<FollowUpDue>().Select(e => (e.SupportCase, e.FollowUpNumber)).Order();
}
