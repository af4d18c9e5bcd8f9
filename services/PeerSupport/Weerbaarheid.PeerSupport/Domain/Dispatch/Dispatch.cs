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

/// <summary>What was asked: by whom (the source system or person, from the token), about which incident, how urgently.</summary>
public sealed record SupportRequest(
    string Source,
    Region Region,
    string IncidentReference,
    Instant OccurredAt,
    Urgency Urgency,
    string Requester,
    IReadOnlyList<string> InvolvedMembers);

/// <summary>The colleague to support: employee number, team (for the own-team rule) and how to reach them.</summary>
public sealed record ColleagueDetails(string EmployeeId, string Team, string Contact)
{
    public static readonly ColleagueDetails Anonymised = new("", "", "");
}

/// <summary>One choice of supporter, kept with who was passed over and why: the record of every choice.</summary>
public sealed record ChoiceRecord(Instant At, string? Chosen, string Reason, IReadOnlyList<PassedOver> PassedOver);

/// <summary>
/// Support for one colleague after an incident, offered to one supporter at a time: accepted, or on a
/// decline or a missed deadline offered to the next in line (chosen afresh, since the rota may have
/// changed), until someone accepts or nobody is left and the coordinator is alerted, who may then take
/// it on. Every offer is kept with the reason its member was chosen, every choice with who was passed over.
/// </summary>
public sealed class Dispatch
{
    public const string CollectionPrefix = "dispatches/";

    public Guid Id { get; private set; }
    public string Source { get; private set; } = "";
    public Region Region { get; private set; }
    public string IncidentReference { get; private set; } = "";
    public Instant OccurredAt { get; private set; }
    public string Requester { get; private set; } = "";
    public IReadOnlyList<string> InvolvedMembers { get; private set; } = [];
    public string ColleagueId { get; private set; } = "";
    public ColleagueDetails Colleague { get; private set; } = ColleagueDetails.Anonymised;
    public Urgency Urgency { get; private set; }
    public DispatchState State { get; private set; }
    public IReadOnlyList<Offer> Offers { get; private set; } = [];
    public IReadOnlyList<ChoiceRecord> Choices { get; private set; } = [];
    public string? CoordinatorId { get; private set; }
    public Instant CreatedAt { get; private set; }

    /// <summary>The deadline of the offer waiting for an answer, kept as a column so due offers are found by index.</summary>
    public Instant? CurrentDeadline { get; private set; }

    public Guid? CaseId { get; private set; }
    public Instant? AnonymisedAt { get; private set; }

    /// <summary>Bumped on every change: two replicas (or an answer and a deadline) racing on one dispatch cannot both win.</summary>
    public long Version { get; private set; }

    public string Name => CollectionPrefix + Id.ToString("N");

    /// <summary>The offer waiting for an answer, if any.</summary>
    public Offer? Current => State == DispatchState.Offered ? Offers[^1] : null;

    /// <summary>Everyone offered it so far, to pass over when choosing the next.</summary>
    public IReadOnlySet<string> Tried => Offers.Select(o => o.MemberId).ToHashSet();

    private Dispatch() { }

    public static Dispatch Start(Guid id, SupportRequest request, ColleagueDetails colleague, SupporterChoice choice,
        AcceptanceWindows windows, Instant now)
    {
        var dispatch = new Dispatch
        {
            Id = id,
            Source = request.Source,
            Region = request.Region,
            IncidentReference = request.IncidentReference,
            OccurredAt = request.OccurredAt,
            Requester = request.Requester,
            InvolvedMembers = request.InvolvedMembers,
            ColleagueId = colleague.EmployeeId,
            Colleague = colleague,
            Urgency = request.Urgency,
            CreatedAt = now,
        };
        dispatch.OfferNext(choice, windows, now);
        return dispatch;
    }

    /// <summary>
    /// The member of the current offer accepts it, before its deadline; or, once alerted, the coordinator
    /// takes it on themself.
    /// </summary>
    public void Accept(string memberId, Instant now)
    {
        if (State == DispatchState.CoordinatorAlerted && memberId == CoordinatorId)
        {
            Offers = [.. Offers, new Offer(Offers.Count + 1, memberId, Region, CandidateSource.Coordinator,
                "Coordinator of the region: took it on after the alert.", now, now, OfferOutcome.Accepted, now)];
            State = DispatchState.Accepted;
            Changed();
            return;
        }

        var offer = Answerable(memberId, now);
        Replace(offer with { Outcome = OfferOutcome.Accepted, AnsweredAt = now });
        State = DispatchState.Accepted;
        Changed();
    }

    /// <summary>The member declines; the dispatch goes to the next in line (<paramref name="next"/>, chosen now).</summary>
    public void Decline(string memberId, string reason, Instant now, Func<IReadOnlySet<string>, SupporterChoice> next, AcceptanceWindows windows)
    {
        if (State == DispatchState.CoordinatorAlerted && memberId == CoordinatorId)
        {
            throw new PreconditionFailedException("Nobody else is left to offer it to: as coordinator, arrange support or take it on.");
        }

        var offer = Answerable(memberId, now);
        Replace(offer with { Outcome = OfferOutcome.Declined, AnsweredAt = now, DeclineReason = reason.Trim() });
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

        Replace(offer with { Outcome = OfferOutcome.Expired, AnsweredAt = now });
        OfferNext(next(Tried), windows, now);
        return true;
    }

    /// <summary>Links the case opened for this accepted dispatch.</summary>
    public void CaseOpened(Guid caseId) => CaseId = caseId;

    /// <summary>
    /// After the retention period: removes who the colleague is and anything written about the incident,
    /// keeping who supported, when, and how the offers went (for fairness and figures).
    /// </summary>
    public void Anonymise(Instant now)
    {
        ColleagueId = "";
        Colleague = ColleagueDetails.Anonymised;
        IncidentReference = "";
        Requester = "";
        InvolvedMembers = [];
        Offers = Offers.Select(o => o with { DeclineReason = "" }).ToArray();
        AnonymisedAt = now;
        Changed();
    }

    private Offer Answerable(string memberId, Instant now)
    {
        var offer = Offers.LastOrDefault(o => o.MemberId == memberId)
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

    private void Replace(Offer current) => Offers = [.. Offers.Take(Offers.Count - 1), current];

    private void OfferNext(SupporterChoice choice, AcceptanceWindows windows, Instant now)
    {
        var tried = Tried;
        var candidate = choice.Candidates.FirstOrDefault(c => c.Source != CandidateSource.Coordinator && !tried.Contains(c.MemberId));
        if (candidate is null)
        {
            State = DispatchState.CoordinatorAlerted;
            CoordinatorId = choice.Coordinator?.MemberId;
            Choices = [.. Choices, new ChoiceRecord(now, CoordinatorId,
                CoordinatorId is null ? "Nobody left to offer it to, and the region has no coordinator." : "Nobody left to offer it to: coordinator alerted.",
                choice.PassedOver)];
        }
        else
        {
            Offers = [.. Offers, new Offer(Offers.Count + 1, candidate.MemberId, candidate.Region, candidate.Source, candidate.Reason,
                now, now + windows.For(Urgency))];
            State = DispatchState.Offered;
            Choices = [.. Choices, new ChoiceRecord(now, candidate.MemberId, candidate.Reason, choice.PassedOver)];
        }

        Changed();
    }

    private void Changed()
    {
        CurrentDeadline = Current?.Deadline;
        Version++;
    }
}
