using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;
using DispatchAggregate = Weerbaarheid.PeerSupport.Domain.Dispatch.Dispatch;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Dispatch;

/// <summary>
/// The escalation chain with a hand-moved clock: the line is p1 (primary), b1 (backup), o1 (region member),
/// then coordinator c1; an immediate dispatch gives each 10 minutes to answer.
/// </summary>
public sealed class DispatchTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 6, 10, 12, 0);
    private static readonly Duration Window = AcceptanceWindows.Default.Immediate;
    private static readonly IReadOnlySet<string> Nobody = new HashSet<string>();

    [Fact]
    public void The_first_in_line_is_offered_it_with_a_deadline_by_urgency()
    {
        var dispatch = New(Urgency.Immediate);
        var routine = New(Urgency.Routine);

        Assert.Equal(DispatchState.Offered, dispatch.State);
        Assert.Equal(("p1", CandidateSource.Primary, Start + Window), (dispatch.Current!.MemberId, dispatch.Current.Source, dispatch.Current.Deadline));
        Assert.Equal(Start + AcceptanceWindows.Default.Routine, routine.Current!.Deadline);
        Assert.False(string.IsNullOrWhiteSpace(dispatch.Current.Reason));
    }

    [Fact]
    public void Accepting_in_time_ends_the_chain()
    {
        var dispatch = New();

        dispatch.Accept("p1", Start + Duration.FromMinutes(3));

        Assert.Equal(DispatchState.Accepted, dispatch.State);
        Assert.Null(dispatch.Current);
        Assert.Equal(OfferOutcome.Accepted, Assert.Single(dispatch.Offers).Outcome);
    }

    [Fact]
    public void No_answer_by_the_deadline_goes_to_the_backup_then_the_next_and_finally_the_coordinator()
    {
        var dispatch = New();

        Assert.True(dispatch.Expire(1, Start + Window, Line, AcceptanceWindows.Default));
        Assert.Equal("b1", dispatch.Current!.MemberId);
        Assert.Equal(Start + Window + Window, dispatch.Current.Deadline);

        Assert.True(dispatch.Expire(2, Start + Window + Window, Line, AcceptanceWindows.Default));
        Assert.Equal("o1", dispatch.Current!.MemberId);

        Assert.True(dispatch.Expire(3, Start + (Window * 3), Line, AcceptanceWindows.Default));
        Assert.Equal(DispatchState.CoordinatorAlerted, dispatch.State);
        Assert.Equal("c1", dispatch.CoordinatorId);
        Assert.Equal([OfferOutcome.Expired, OfferOutcome.Expired, OfferOutcome.Expired], dispatch.Offers.Select(o => o.Outcome));
    }

    [Fact]
    public void A_deadline_that_fires_early_twice_or_for_an_old_offer_changes_nothing()
    {
        var dispatch = New();

        Assert.False(dispatch.Expire(1, Start + Window - Duration.FromSeconds(1), Line, AcceptanceWindows.Default));
        Assert.True(dispatch.Expire(1, Start + Window, Line, AcceptanceWindows.Default));
        Assert.False(dispatch.Expire(1, Start + Window + Duration.FromSeconds(5), Line, AcceptanceWindows.Default));

        Assert.Equal(2, dispatch.Offers.Count);
        Assert.Equal("b1", dispatch.Current!.MemberId);
    }

    [Fact]
    public void A_decline_goes_to_the_next_at_once_and_keeps_the_reason()
    {
        var dispatch = New();

        dispatch.Decline("p1", " Zelf betrokken geweest ", Start + Duration.FromMinutes(1), Line, AcceptanceWindows.Default);

        Assert.Equal("Zelf betrokken geweest", dispatch.Offers[0].DeclineReason);
        Assert.Equal(OfferOutcome.Declined, dispatch.Offers[0].Outcome);
        Assert.Equal(("b1", Start + Duration.FromMinutes(1) + Window), (dispatch.Current!.MemberId, dispatch.Current.Deadline));
    }

    [Fact]
    public void Someone_else_accepting_the_offer_is_denied()
    {
        var dispatch = New();

        Assert.Throws<PermissionDeniedException>(() => dispatch.Accept("o1", Start));
        Assert.Equal(DispatchState.Offered, dispatch.State);
    }

    [Fact]
    public void Accepting_an_expired_or_escalated_offer_fails_its_precondition()
    {
        var lateButNotYetExpired = New();
        var escalated = New();
        escalated.Expire(1, Start + Window, Line, AcceptanceWindows.Default);

        var late = Assert.Throws<PreconditionFailedException>(() => lateButNotYetExpired.Accept("p1", Start + Window));
        var moved = Assert.Throws<PreconditionFailedException>(() => escalated.Accept("p1", Start + Window));

        Assert.Contains("passed", late.Message);
        Assert.Contains("went to the next supporter", moved.Message);
        Assert.Equal("b1", escalated.Current!.MemberId);
    }

    [Fact]
    public void An_accepted_dispatch_cannot_be_declined_or_accepted_again()
    {
        var dispatch = New();
        dispatch.Accept("p1", Start);

        Assert.Throws<PreconditionFailedException>(() => dispatch.Accept("p1", Start));
        Assert.Throws<PreconditionFailedException>(() => dispatch.Decline("p1", "", Start, Line, AcceptanceWindows.Default));
        Assert.False(dispatch.Expire(1, Start + Window, Line, AcceptanceWindows.Default));
    }

    [Fact]
    public void The_next_in_line_is_chosen_afresh_and_never_someone_already_offered_it()
    {
        var dispatch = New();
        IReadOnlySet<string>? passedTried = null;

        dispatch.Expire(1, Start + Window, tried =>
        {
            passedTried = tried;
            // The rota changed meanwhile: p1 is on call again and listed first; they must be skipped.
            return Choice(("p1", CandidateSource.Primary), ("x9", CandidateSource.RegionMember));
        }, AcceptanceWindows.Default);

        Assert.Equal(["p1"], passedTried!);
        Assert.Equal("x9", dispatch.Current!.MemberId);
    }

    [Fact]
    public void With_nobody_to_offer_it_to_the_coordinator_is_alerted_at_once()
    {
        var dispatch = DispatchAggregate.Start(Guid.NewGuid(), Requests.For(Urgency.Immediate), Requests.Colleague,
            Choice(("c1", CandidateSource.Coordinator)), AcceptanceWindows.Default, Start);

        Assert.Equal(DispatchState.CoordinatorAlerted, dispatch.State);
        Assert.Empty(dispatch.Offers);
        Assert.Equal("c1", dispatch.CoordinatorId);
    }

    private static DispatchAggregate New(Urgency urgency = Urgency.Immediate) =>
        DispatchAggregate.Start(Guid.NewGuid(), Requests.For(urgency), Requests.Colleague, Line(Nobody), AcceptanceWindows.Default, Start);

    /// <summary>The line as the selector would give it (it passes over the already tried itself; so does the dispatch).</summary>
    private static SupporterChoice Line(IReadOnlySet<string> tried) =>
        Choice(("p1", CandidateSource.Primary), ("b1", CandidateSource.Backup), ("o1", CandidateSource.RegionMember), ("c1", CandidateSource.Coordinator));

    private static SupporterChoice Choice(params (string Id, CandidateSource Source)[] line) =>
        new(line.Select(c => new Candidate(c.Id, Region.Amsterdam, c.Source, $"{c.Source} of the region.")).ToList(), []);
}
