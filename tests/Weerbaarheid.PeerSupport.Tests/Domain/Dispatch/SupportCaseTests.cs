using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;
using DispatchAggregate = Weerbaarheid.PeerSupport.Domain.Dispatch.Dispatch;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Dispatch;

/// <summary>p1 accepted an immediate dispatch at noon on 10 June 2026; the default plan applies.</summary>
public sealed class SupportCaseTests
{
    private static readonly Instant Accepted = Instant.FromUtc(2026, 6, 10, 12, 0);

    [Fact]
    public void An_immediate_case_wants_a_first_contact_within_24_hours_and_follow_ups_at_72_hours_and_4_weeks()
    {
        var routine = Open(Urgency.Routine);
        var immediate = Open();

        Assert.Equal(Accepted + Duration.FromHours(24), immediate.FirstContactDue);
        Assert.Equal(Accepted + Duration.FromHours(72), routine.FirstContactDue);
        Assert.Equal([Accepted + Duration.FromHours(72), Accepted + Duration.FromDays(28)], immediate.FollowUpsDue);
        Assert.Equal(("p1", "colleague", Region.Amsterdam), (immediate.SupporterId, immediate.ColleagueId, immediate.Region));
    }

    [Fact]
    public void A_first_contact_in_time_is_not_missed_and_none_at_the_deadline_is()
    {
        var contacted = Open();
        var silent = Open();
        contacted.RecordContact("p1", Accepted + Duration.FromHours(3), Accepted + Duration.FromHours(4));

        Assert.False(contacted.FirstContactMissed(Accepted + Duration.FromHours(30)));
        Assert.False(silent.FirstContactMissed(Accepted + Duration.FromHours(24) - Duration.FromSeconds(1)));
        Assert.True(silent.FirstContactMissed(Accepted + Duration.FromHours(24)));
    }

    [Fact]
    public void A_follow_up_is_outstanding_once_due_until_a_contact_around_it_is_recorded()
    {
        var @case = Open();
        @case.RecordContact("p1", Accepted + Duration.FromHours(2), Accepted + Duration.FromHours(2));
        var afterThreeDays = Accepted + Duration.FromHours(73);

        Assert.Equal([Accepted + Duration.FromHours(72)], @case.FollowUpsOutstanding(afterThreeDays));
        @case.RecordContact("p1", Accepted + Duration.FromHours(50), afterThreeDays);
        Assert.Empty(@case.FollowUpsOutstanding(afterThreeDays));
        Assert.Equal([Accepted + Duration.FromDays(28)], @case.FollowUpsOutstanding(Accepted + Duration.FromDays(29)));
    }

    [Fact]
    public void Only_the_supporter_records_contacts_and_never_before_the_case_or_in_the_future()
    {
        var @case = Open();

        Assert.Throws<PermissionDeniedException>(() => @case.RecordContact("b1", Accepted, Accepted));
        var invalid = Assert.Throws<ValidationFailedException>(() =>
            @case.RecordContact("p1", Accepted - Duration.FromHours(1), Accepted + Duration.FromHours(1)));
        Assert.Equal("contact_time", Assert.Single(invalid.Violations).Field);
        Assert.Throws<ValidationFailedException>(() => @case.RecordContact("p1", Accepted + Duration.FromHours(2), Accepted));
    }

    [Fact]
    public void A_referral_names_where_to_and_only_a_referral_does()
    {
        var referred = Open();
        var closed = Open();

        var missing = Assert.Throws<ValidationFailedException>(() => referred.Close("p1", CaseOutcome.Referred, ReferralTarget.Unspecified, Accepted));
        var extra = Assert.Throws<ValidationFailedException>(() => closed.Close("p1", CaseOutcome.Closed, ReferralTarget.Psychologist, Accepted));
        referred.Close("p1", CaseOutcome.Referred, ReferralTarget.CompanySocialWork, Accepted + Duration.FromDays(30));

        Assert.Equal("referral", Assert.Single(missing.Violations).Field);
        Assert.Equal("referral", Assert.Single(extra.Violations).Field);
        Assert.Equal((CaseOutcome.Referred, ReferralTarget.CompanySocialWork), (referred.Outcome, referred.Referral));
        Assert.False(referred.IsOpen);
    }

    [Fact]
    public void A_closed_case_takes_no_more_contacts_and_nothing_falls_due()
    {
        var @case = Open();
        @case.Close("p1", CaseOutcome.DeclinedByColleague, ReferralTarget.Unspecified, Accepted + Duration.FromHours(1));

        Assert.Throws<PreconditionFailedException>(() => @case.RecordContact("p1", Accepted + Duration.FromHours(2), Accepted + Duration.FromHours(2)));
        Assert.False(@case.FirstContactMissed(Accepted + Duration.FromDays(2)));
        Assert.Empty(@case.FollowUpsOutstanding(Accepted + Duration.FromDays(60)));
    }

    [Fact]
    public void A_case_opens_only_for_an_accepted_dispatch()
    {
        var offered = DispatchAggregate.Start(Guid.NewGuid(), Requests.For(Urgency.Immediate), Requests.Colleague, Line(), AcceptanceWindows.Default, Accepted);

        Assert.Throws<PreconditionFailedException>(() => SupportCase.Open(Guid.NewGuid(), offered, FollowUpPlan.Default, Accepted));
    }

    private static SupportCase Open(Urgency urgency = Urgency.Immediate)
    {
        var dispatch = DispatchAggregate.Start(Guid.NewGuid(), Requests.For(urgency), Requests.Colleague, Line(), AcceptanceWindows.Default,
            Accepted - Duration.FromMinutes(2));
        dispatch.Accept("p1", Accepted);
        return SupportCase.Open(Guid.NewGuid(), dispatch, FollowUpPlan.Default, Accepted);
    }

    private static SupporterChoice Line() =>
        new([new Candidate("p1", Region.Amsterdam, CandidateSource.Primary, "On-call primary of the region.")], []);
}
