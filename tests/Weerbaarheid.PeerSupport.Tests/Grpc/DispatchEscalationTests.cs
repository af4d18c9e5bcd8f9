using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// What happens when an offer is not taken: it expires at its deadline (immediate: the default 10 minutes),
/// which the deadline round (<c>DispatchStore.ExpireDueOffersAsync</c>, run by hand) fires once, or it is
/// declined, and the dispatch goes to the next in line; with nobody left the coordinator is alerted and may
/// take it on. The fake clock moves forward by minutes, well before the <see cref="DemoRota.FirstHandoff"/>;
/// each test reads who is on call at the time and uses a region of its own.
/// </summary>
public sealed class DispatchEscalationTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task An_offer_not_answered_in_time_expires_once_and_goes_to_the_backup()
    {
        const string region = "amsterdam";
        var onCall = await App.OnCallAsync(region);
        var (primary, backup) = (App.MemberNamed(onCall.Primary.Member, region), App.MemberNamed(onCall.Backup.Member, region));
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(
            SupportRequest(region, Now, Urgency.Immediate, MemberId("collega")))).Dispatches);
        var deadline = Now + Duration.FromMinutes(10);
        var accept = new AcceptDispatchRequest { Name = dispatch.Name };

        // A second before the deadline the round leaves it alone.
        App.Clock.Reset(deadline - Duration.FromSeconds(1));
        await App.ExpireDueOffersAsync();
        Assert.Equal([OfferOutcome.Pending], (await App.AsCoordinatorSeesAsync(dispatch)).Offers.Select(o => o.Outcome));

        // At the deadline the offer can no longer be accepted, even before the round has run.
        App.Clock.Reset(deadline);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => primary.AcceptDispatchAsync(accept));
        Assert.True(await App.ExpireDueOffersAsync() >= 1);
        Assert.Equal(0, await App.ExpireDueOffersAsync());

        var seen = await App.AsCoordinatorSeesAsync(dispatch);
        Assert.Equal(DispatchState.Offered, seen.State);
        Assert.Equal([(1, onCall.Primary.Member, OfferOutcome.Expired), (2, onCall.Backup.Member, OfferOutcome.Pending)],
            seen.Offers.Select(o => (o.Number, o.Member, o.Outcome)));
        Assert.Equal(deadline, ToInstant(seen.Offers[0].AnswerTime));
        Assert.Equal("On-call backup of the region.", seen.Offers[1].Reason);
        Assert.Equal((deadline, deadline + Duration.FromMinutes(10)), (ToInstant(seen.Offers[1].OfferTime), ToInstant(seen.Offers[1].Deadline)));
        Assert.Equal([onCall.Primary.Member, onCall.Backup.Member], seen.Choices.Select(c => c.Chosen));
        // The second choice passed over the primary, who had it already.
        Assert.Contains((onCall.Primary.Member, "Already offered this dispatch."), seen.Choices[1].PassedOver.Select(p => (p.Member, p.Reason)));

        var escalated = await App.PublishedAsync<DispatchEscalated>(e => e.Dispatch == dispatch.Name, "for the expired offer");
        Assert.Equal((onCall.Primary.Member, "EXPIRED", onCall.Backup.Member, false, (string?)null),
            (escalated.FromMember, escalated.Cause, escalated.OfferedTo, escalated.CoordinatorAlerted, escalated.Coordinator));
        Assert.Equal(deadline.ToDateTimeOffset(), escalated.EscalatedAt);
        var second = await App.PublishedAsync<DispatchOffered>(e => e.Dispatch == dispatch.Name && e.OfferNumber == 2, "for the second offer");
        Assert.Equal(onCall.Backup.Member, second.Member);
        await App.PublishedAsync<DispatchNotificationRequested>(e => e.Subject == dispatch.Name && e.Member == onCall.Backup.Member, "for the backup");

        // Fired once: later rounds (also later in time, before the next deadline) change nothing.
        App.Clock.Advance(Duration.FromMinutes(5));
        await App.ExpireDueOffersAsync();
        await App.SettledAsync();
        Assert.Single(App.PublishedSoFar<DispatchEscalated>(e => e.Dispatch == dispatch.Name));
        Assert.Equal(2, App.PublishedSoFar<DispatchOffered>(e => e.Dispatch == dispatch.Name).Count);
        Assert.Equal(2, (await App.AsCoordinatorSeesAsync(dispatch)).Offers.Count);

        // The primary's offer moved on; someone never offered it is refused; the backup takes it.
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => primary.AcceptDispatchAsync(accept));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Member(DemoRota.Id(region, 3), region).Dispatch.AcceptDispatchAsync(accept));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => App.Coordinator(region).Dispatch.AcceptDispatchAsync(accept));
        var accepted = await backup.AcceptDispatchAsync(accept);
        Assert.Equal(DispatchState.Accepted, accepted.Dispatch.State);
        Assert.Equal(onCall.Backup.Member, accepted.SupportCase.Supporter);
        // What the member sees of it: their own offer only.
        Assert.Equal([(2, OfferOutcome.Accepted)], accepted.Dispatch.Offers.Select(o => (o.Number, o.Outcome)));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => backup.AcceptDispatchAsync(accept));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => primary.AcceptDispatchAsync(accept));
    }

    [Fact]
    public async Task A_declined_offer_goes_to_the_next_in_line_at_once()
    {
        const string region = "rotterdam";
        var onCall = await App.OnCallAsync(region);
        var primary = App.MemberNamed(onCall.Primary.Member, region);
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(
            SupportRequest(region, Now, Urgency.Within24Hours, MemberId("collega")))).Dispatches);

        Assert.Equal(["reason"], await Rpc.InvalidFieldsAsync(() =>
            primary.DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "  " })));
        Assert.Equal(["name", "reason"], await Rpc.InvalidFieldsAsync(() =>
            primary.DeclineDispatchAsync(new DeclineDispatchRequest { Name = "dispatches/1", Reason = new string('x', 201) })));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.MemberNamed(onCall.Backup.Member, region).DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Geen tijd." }));

        var declined = (await primary.DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = " Op een andere inzet. " })).Dispatch;

        // The member sees their own offer, declined; the dispatch itself is offered again.
        Assert.Equal(DispatchState.Offered, declined.State);
        var own = Assert.Single(declined.Offers);
        Assert.Equal((onCall.Primary.Member, OfferOutcome.Declined, "Op een andere inzet."), (own.Member, own.Outcome, own.DeclineReason));
        Assert.Equal(Now, ToInstant(own.AnswerTime));
        var seen = await App.AsCoordinatorSeesAsync(dispatch);
        Assert.Equal([(onCall.Primary.Member, OfferOutcome.Declined), (onCall.Backup.Member, OfferOutcome.Pending)],
            seen.Offers.Select(o => (o.Member, o.Outcome)));
        Assert.Equal(Now + Duration.FromMinutes(60), ToInstant(seen.Offers[1].Deadline));
        var escalated = await App.PublishedAsync<DispatchEscalated>(e => e.Dispatch == dispatch.Name, "for the declined offer");
        Assert.Equal((onCall.Primary.Member, "DECLINED", onCall.Backup.Member, false),
            (escalated.FromMember, escalated.Cause, escalated.OfferedTo, escalated.CoordinatorAlerted));

        // Answered once.
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () =>
            primary.DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Nog steeds niet." }));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => primary.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name }));
        await Rpc.FailsAsync(StatusCode.NotFound, () =>
            primary.DeclineDispatchAsync(new DeclineDispatchRequest { Name = $"dispatches/{Guid.NewGuid():N}", Reason = "Geen tijd." }));
    }

    [Fact]
    public async Task With_nobody_left_the_coordinator_is_alerted_and_may_take_it_on()
    {
        const string region = "landelijke-eenheid";
        var (request, onCall) = await App.OnlyThePrimaryLeftAsync(Urgency.Immediate);
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);
        var coordinator = App.Coordinator(region).Dispatch;
        var accept = new AcceptDispatchRequest { Name = dispatch.Name };

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => coordinator.AcceptDispatchAsync(accept));
        await App.MemberNamed(onCall.Primary.Member, region).DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Ziek." });

        var alerted = await App.AsCoordinatorSeesAsync(dispatch);
        Assert.Equal(DispatchState.CoordinatorAlerted, alerted.State);
        Assert.Equal(onCall.Coordinator.Member, alerted.AlertedCoordinator);
        Assert.Equal([OfferOutcome.Declined], alerted.Offers.Select(o => o.Outcome));
        Assert.Equal((onCall.Coordinator.Member, "Nobody left to offer it to: coordinator alerted."), (alerted.Choices[^1].Chosen, alerted.Choices[^1].Reason));
        var escalated = await App.PublishedAsync<DispatchEscalated>(e => e.Dispatch == dispatch.Name, "for the last decline");
        Assert.Equal(("DECLINED", (string?)null, true, (string?)onCall.Coordinator.Member),
            (escalated.Cause, escalated.OfferedTo, escalated.CoordinatorAlerted, escalated.Coordinator));
        var notification = await App.PublishedAsync<DispatchNotificationRequested>(
            e => e.Subject == dispatch.Name && e.Kind == "COORDINATOR_ALERT", "for the coordinator");
        Assert.Equal((onCall.Coordinator.Member, (DateTimeOffset?)null), (notification.Member, notification.Deadline));

        // An alert does not expire, and the coordinator cannot pass it on.
        App.Clock.Advance(Duration.FromMinutes(11));
        await App.ExpireDueOffersAsync();
        Assert.Equal(DispatchState.CoordinatorAlerted, (await App.AsCoordinatorSeesAsync(dispatch)).State);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () =>
            coordinator.DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Geen tijd." }));

        var taken = await coordinator.AcceptDispatchAsync(accept);

        Assert.Equal(DispatchState.Accepted, taken.Dispatch.State);
        Assert.Equal(onCall.Coordinator.Member, taken.SupportCase.Supporter);
        Assert.Equal(taken.SupportCase.Name, taken.Dispatch.SupportCase);
        var last = (await App.AsCoordinatorSeesAsync(dispatch)).Offers[^1];
        Assert.Equal((2, onCall.Coordinator.Member, OfferOutcome.Accepted), (last.Number, last.Member, last.Outcome));
        var opened = await App.PublishedAsync<CaseOpened>(e => e.Dispatch == dispatch.Name, "for the coordinator's case");
        Assert.Equal(onCall.Coordinator.Member, opened.Supporter);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => App.MemberNamed(onCall.Primary.Member, region).AcceptDispatchAsync(accept));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => coordinator.AcceptDispatchAsync(accept));
    }
}
