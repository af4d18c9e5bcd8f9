using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Dispatch;

/// <summary>How a case ended. Never what was said: the case has no place for it.</summary>
public enum CaseOutcome
{
    Unspecified = 0,
    /// <summary>Support given; nothing further needed.</summary>
    Closed = 1,
    /// <summary>Complaints persist: referred to professional help.</summary>
    Referred = 2,
    /// <summary>The colleague did not want support.</summary>
    DeclinedByColleague = 3,
}

public enum ReferralTarget
{
    Unspecified = 0,
    CompanySocialWork = 1,
    Psychologist = 2,
    CompanyDoctor = 3,
}

/// <summary>When contacts are due after acceptance (configurable): the first contact by urgency, then the follow-ups.</summary>
public sealed record FollowUpPlan(Duration FirstContactImmediate, Duration FirstContactOtherwise, IReadOnlyList<Duration> FollowUps)
{
    public static readonly FollowUpPlan Default = new(Duration.FromHours(24), Duration.FromHours(72), [Duration.FromHours(72), Duration.FromDays(28)]);

    public Duration FirstContactWithin(Urgency urgency) => urgency == Urgency.Immediate ? FirstContactImmediate : FirstContactOtherwise;
}

/// <summary>
/// The follow-up of an accepted dispatch: the supporter makes a first contact before its deadline
/// (missing it escalates to the coordinator), follow-up contacts fall due at about 72 hours and 4 weeks,
/// the supporter records the dates of contacts, and the case ends closed, referred to professional help
/// or declined by the colleague. Only who, when and the outcome are kept.
/// </summary>
public sealed class SupportCase
{
    public const string CollectionPrefix = "supportCases/";

    public Guid Id { get; private set; }
    public Guid DispatchId { get; private set; }
    public Region Region { get; private set; }
    public string SupporterId { get; private set; } = "";
    public string ColleagueId { get; private set; } = "";
    public ColleagueDetails Colleague { get; private set; } = ColleagueDetails.Anonymised;
    public Urgency Urgency { get; private set; }
    public Instant OpenedAt { get; private set; }
    public Instant FirstContactDue { get; private set; }
    public IReadOnlyList<Instant> FollowUpsDue { get; private set; } = [];
    public IReadOnlyList<Instant> Contacts { get; private set; } = [];
    public CaseOutcome Outcome { get; private set; }
    public ReferralTarget Referral { get; private set; }
    public Instant? ClosedAt { get; private set; }

    /// <summary>When the coordinator was alerted about a missed first contact; null while not (yet) needed.</summary>
    public Instant? FirstContactEscalatedAt { get; private set; }

    /// <summary>How many follow-ups have been announced as due (FollowUpDue), so each is announced once.</summary>
    public int FollowUpsAnnounced { get; private set; }

    public Instant? AnonymisedAt { get; private set; }

    /// <summary>
    /// The next instant something falls due (an unmet first contact, the next follow-up), kept as a column so
    /// due cases are found by index; null once nothing is left or the case is closed.
    /// </summary>
    public Instant? NextDeadline { get; private set; }

    /// <summary>Bumped on every change, so two replicas cannot both announce the same deadline.</summary>
    public long Version { get; private set; }

    public string Name => CollectionPrefix + Id.ToString("N");
    public bool IsOpen => ClosedAt is null;
    public Instant? FirstContactAt => Contacts.Count == 0 ? null : Contacts.Min();

    private SupportCase() { }

    /// <summary>Opens the case of an accepted dispatch.</summary>
    public static SupportCase Open(Guid id, Dispatch dispatch, FollowUpPlan plan, Instant acceptedAt)
    {
        var supporter = dispatch.Offers.LastOrDefault(o => o.Outcome == OfferOutcome.Accepted)
                        ?? throw new PreconditionFailedException("A case opens only for an accepted dispatch.");
        return new SupportCase
        {
            Id = id,
            DispatchId = dispatch.Id,
            Region = dispatch.Region,
            SupporterId = supporter.MemberId,
            ColleagueId = dispatch.ColleagueId,
            Colleague = dispatch.Colleague,
            Urgency = dispatch.Urgency,
            OpenedAt = acceptedAt,
            FirstContactDue = acceptedAt + plan.FirstContactWithin(dispatch.Urgency),
            FollowUpsDue = plan.FollowUps.Select(after => acceptedAt + after).Order().ToArray(),
        }.Changed();
    }

    /// <summary>
    /// The supporter records that a contact took place at <paramref name="at"/> (the date only, never the
    /// content). True when it is the first contact.
    /// </summary>
    public bool RecordContact(string memberId, Instant at, Instant now)
    {
        RequireSupporter(memberId);
        RequireOpen();
        var validation = new Validation();
        validation.Require(at >= OpenedAt, "contact_time", "Must not be before the case was opened.");
        validation.Require(at <= now + Duration.FromMinutes(5), "contact_time", "Must not be in the future.");
        validation.ThrowIfInvalid();
        var first = Contacts.Count == 0;
        Contacts = Contacts.Append(at).Order().ToArray();
        Changed();
        return first;
    }

    /// <summary>The first contact is overdue: nobody contacted the colleague in time; the coordinator must step in.</summary>
    public bool FirstContactMissed(Instant now) => IsOpen && now >= FirstContactDue && (FirstContactAt is not { } first || first > FirstContactDue);

    /// <summary>
    /// Marks the missed first contact as escalated to the coordinator. False when it is not missed or was
    /// escalated already, so a check that runs late or twice does no harm.
    /// </summary>
    public bool EscalateMissedFirstContact(Instant now)
    {
        if (!IsOpen || FirstContactEscalatedAt is not null || Contacts.Count > 0 || now < FirstContactDue)
        {
            return false;
        }

        FirstContactEscalatedAt = now;
        Changed();
        return true;
    }

    /// <summary>
    /// The follow-ups that fell due since the last announcement, by number (1 = the first), each returned
    /// once; none once the case is closed.
    /// </summary>
    public IReadOnlyList<(int Number, Instant Due)> AnnounceDueFollowUps(Instant now)
    {
        if (!IsOpen)
        {
            return [];
        }

        var due = FollowUpsDue.Select((at, index) => (Number: index + 1, Due: at))
            .Where(f => f.Number > FollowUpsAnnounced && f.Due <= now)
            .ToArray();
        if (due.Length > 0)
        {
            FollowUpsAnnounced = due[^1].Number;
            Changed();
        }

        return due;
    }

    /// <summary>Follow-ups that are due by <paramref name="now"/> and not met by a contact on or after the day before they fell due.</summary>
    public IReadOnlyList<Instant> FollowUpsOutstanding(Instant now) =>
        IsOpen
            ? FollowUpsDue.Where(due => due <= now && !Contacts.Any(c => c >= due - Duration.FromDays(1))).ToArray()
            : [];

    /// <summary>After the retention period: removes who the colleague is; who supported, when and the outcome stay.</summary>
    public void Anonymise(Instant now)
    {
        ColleagueId = "";
        Colleague = ColleagueDetails.Anonymised;
        AnonymisedAt = now;
        Changed();
    }

    /// <summary>Ends the case; a referral names where to.</summary>
    public void Close(string memberId, CaseOutcome outcome, ReferralTarget referral, Instant now)
    {
        RequireSupporter(memberId);
        RequireOpen();
        var validation = new Validation();
        CheckOutcome(validation, outcome, referral);
        validation.ThrowIfInvalid();
        Outcome = outcome;
        Referral = referral;
        ClosedAt = now;
        Changed();
    }

    private SupportCase Changed()
    {
        Instant? firstContact = FirstContactEscalatedAt is null && Contacts.Count == 0 ? FirstContactDue : null;
        Instant? followUp = FollowUpsAnnounced < FollowUpsDue.Count ? FollowUpsDue[FollowUpsAnnounced] : null;
        NextDeadline = !IsOpen ? null : (firstContact, followUp) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            var (a, b) => a ?? b,
        };
        Version++;
        return this;
    }

    /// <summary>An outcome is required; a referral names where to with REFERRED, and only then.</summary>
    public static void CheckOutcome(Validation validation, CaseOutcome outcome, ReferralTarget referral)
    {
        validation.Require(outcome != CaseOutcome.Unspecified && Enum.IsDefined(outcome), "outcome",
            "Required: CLOSED, REFERRED or DECLINED_BY_COLLEAGUE.");
        if (outcome == CaseOutcome.Referred)
        {
            validation.Require(referral != ReferralTarget.Unspecified && Enum.IsDefined(referral), "referral",
                "Required with REFERRED: company social work, psychologist or company doctor.");
        }
        else
        {
            validation.Require(referral == ReferralTarget.Unspecified, "referral", "Only with outcome REFERRED.");
        }
    }

    private void RequireSupporter(string memberId)
    {
        if (memberId != SupporterId)
        {
            throw new PermissionDeniedException("Only the supporter of this case may record contacts or close it.");
        }
    }

    private void RequireOpen()
    {
        if (!IsOpen)
        {
            throw new PreconditionFailedException("The case is closed.");
        }
    }
}
