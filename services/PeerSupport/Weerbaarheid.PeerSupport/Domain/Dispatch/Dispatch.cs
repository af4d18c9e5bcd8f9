using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Dispatch;

public enum Urgency
{
    Unspecified = 0,
    Immediate = 1,
    Within24Hours = 2,
    Routine = 3,
}

public enum DispatchState
{
    /// <summary>An offer is out and waiting for an answer.</summary>
    Offered = 1,
    /// <summary>A supporter accepted; a case follows.</summary>
    Accepted = 2,
    /// <summary>Nobody (else) could be offered it: the coordinator was alerted to arrange support.</summary>
    CoordinatorAlerted = 3,
}

public enum OfferOutcome
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Expired = 4,
}

/// <summary>One offer of a dispatch to one member, with why they were chosen and how it ended.</summary>
public sealed record Offer(
    int Number,
    string MemberId,
    Region Region,
    CandidateSource Source,
    string Reason,
    Instant OfferedAt,
    Instant Deadline,
    OfferOutcome Outcome = OfferOutcome.Pending,
    Instant? AnsweredAt = null,
    string DeclineReason = "");

/// <summary>How long a member has to answer an offer, by urgency (configurable).</summary>
public sealed record AcceptanceWindows(Duration Immediate, Duration Within24Hours, Duration Routine)
{
    public static readonly AcceptanceWindows Default = new(Duration.FromMinutes(10), Duration.FromMinutes(60), Duration.FromHours(4));

    public Duration For(Urgency urgency) => urgency switch
    {
        Urgency.Immediate => Immediate,
        Urgency.Within24Hours => Within24Hours,
        _ => Routine,
    };
}

/// <summary>
/// Support for one colleague after an incident, offered to one supporter at a time: accepted, or on a
/// decline or a missed deadline offered to the next in line (chosen afresh, since the rota may have
/// changed), until someone accepts or nobody is left and the coordinator is alerted. Every offer is
/// kept with the reason its member was chosen.
/// </summary>
public sealed class Dispatch
{
    private readonly List<Offer> _offers = [];

    public Guid Id { get; private set; }
    public Region Region { get; private set; }
    public string ColleagueId { get; private set; } = "";
    public Urgency Urgency { get; private set; }
    public DispatchState State { get; private set; }
    public IReadOnlyList<Offer> Offers => _offers;
    public string? CoordinatorId { get; private set; }
    public Instant CreatedAt { get; private set; }

    /// <summary>The offer waiting for an answer, if any.</summary>
    public Offer? Current => State == DispatchState.Offered ? _offers[^1] : null;

    /// <summary>Everyone offered it so far, to pass over when choosing the next.</summary>
    public IReadOnlySet<string> Tried => _offers.Select(o => o.MemberId).ToHashSet();

    private Dispatch() { }

    public static Dispatch Start(Guid id, Region region, string colleagueId, Urgency urgency, SupporterChoice choice,
        AcceptanceWindows windows, Instant now)
    {
        var dispatch = new Dispatch { Id = id, Region = region, ColleagueId = colleagueId, Urgency = urgency, CreatedAt = now };
        dispatch.OfferNext(choice, windows, now);
        return dispatch;
    }

    /// <summary>The member of the current offer accepts it, before its deadline.</summary>
    public void Accept(string memberId, Instant now)
    {
        var offer = Answerable(memberId, now);
        _offers[^1] = offer with { Outcome = OfferOutcome.Accepted, AnsweredAt = now };
        State = DispatchState.Accepted;
    }

    /// <summary>The member declines; the dispatch goes to the next in line (<paramref name="next"/>, chosen now).</summary>
    public void Decline(string memberId, string reason, Instant now, Func<IReadOnlySet<string>, SupporterChoice> next, AcceptanceWindows windows)
    {
        var offer = Answerable(memberId, now);
        _offers[^1] = offer with { Outcome = OfferOutcome.Declined, AnsweredAt = now, DeclineReason = reason.Trim() };
        OfferNext(next(Tried), windows, now);
    }

    /// <summary>
    /// The deadline of the current offer has passed: it expires and the dispatch goes to the next in line.
    /// False (nothing changes) when the offer was answered already or its deadline is still ahead, so a
    /// deadline that fires late or twice does no harm.
    /// </summary>
    public bool Expire(int offerNumber, Instant now, Func<IReadOnlySet<string>, SupporterChoice> next, AcceptanceWindows windows)
    {
        if (Current is not { } offer || offer.Number != offerNumber || offer.Deadline > now)
        {
            return false;
        }

        _offers[^1] = offer with { Outcome = OfferOutcome.Expired, AnsweredAt = now };
        OfferNext(next(Tried), windows, now);
        return true;
    }

    private Offer Answerable(string memberId, Instant now)
    {
        var offer = _offers.LastOrDefault(o => o.MemberId == memberId)
                    ?? throw new PermissionDeniedException("This dispatch was not offered to you.");
        if (offer != Current)
        {
            throw new PreconditionFailedException(offer.Outcome switch
            {
                OfferOutcome.Expired => "The time to answer this offer has passed; it went to the next supporter.",
                OfferOutcome.Pending => "This dispatch has moved on: it is no longer yours to answer.",
                _ => $"You already answered this offer ({offer.Outcome.ToString().ToLowerInvariant()}).",
            });
        }

        if (offer.Deadline <= now)
        {
            throw new PreconditionFailedException("The time to answer this offer has passed; it goes to the next supporter.");
        }

        return offer;
    }

    private void OfferNext(SupporterChoice choice, AcceptanceWindows windows, Instant now)
    {
        var tried = Tried;
        var candidate = choice.Candidates.FirstOrDefault(c => c.Source != CandidateSource.Coordinator && !tried.Contains(c.MemberId));
        if (candidate is null)
        {
            State = DispatchState.CoordinatorAlerted;
            CoordinatorId = choice.Coordinator?.MemberId;
            return;
        }

        _offers.Add(new Offer(_offers.Count + 1, candidate.MemberId, candidate.Region, candidate.Source, candidate.Reason,
            now, now + windows.For(Urgency)));
        State = DispatchState.Offered;
    }
}
