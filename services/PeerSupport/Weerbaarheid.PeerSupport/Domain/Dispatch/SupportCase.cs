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
    private readonly List<Instant> _contacts = [];

    public Guid Id { get; private set; }
    public Guid DispatchId { get; private set; }
    public Region Region { get; private set; }
    public string SupporterId { get; private set; } = "";
    public string ColleagueId { get; private set; } = "";
    public Instant OpenedAt { get; private set; }
    public Instant FirstContactDue { get; private set; }
    public IReadOnlyList<Instant> FollowUpsDue { get; private set; } = [];
    public IReadOnlyList<Instant> Contacts => _contacts;
    public CaseOutcome Outcome { get; private set; }
    public ReferralTarget Referral { get; private set; }
    public Instant? ClosedAt { get; private set; }

    public bool IsOpen => ClosedAt is null;
    public Instant? FirstContactAt => _contacts.Count == 0 ? null : _contacts.Min();

    private SupportCase() { }

    /// <summary>Opens the case of an accepted dispatch.</summary>
    public static SupportCase Open(Dispatch dispatch, FollowUpPlan plan, Instant acceptedAt)
    {
        var supporter = dispatch.Offers.LastOrDefault(o => o.Outcome == OfferOutcome.Accepted)
                        ?? throw new PreconditionFailedException("A case opens only for an accepted dispatch.");
        return new SupportCase
        {
            Id = Guid.NewGuid(),
            DispatchId = dispatch.Id,
            Region = dispatch.Region,
            SupporterId = supporter.MemberId,
            ColleagueId = dispatch.ColleagueId,
            OpenedAt = acceptedAt,
            FirstContactDue = acceptedAt + plan.FirstContactWithin(dispatch.Urgency),
            FollowUpsDue = plan.FollowUps.Select(after => acceptedAt + after).ToArray(),
        };
    }

    /// <summary>The supporter records that a contact took place at <paramref name="at"/> (the date only, never the content).</summary>
    public void RecordContact(string memberId, Instant at, Instant now)
    {
        RequireSupporter(memberId);
        RequireOpen();
        var validation = new Validation();
        validation.Require(at >= OpenedAt, "contact_time", "Must not be before the case was opened.");
        validation.Require(at <= now + Duration.FromMinutes(5), "contact_time", "Must not be in the future.");
        validation.ThrowIfInvalid();
        _contacts.Add(at);
    }

    /// <summary>The first contact is overdue: nobody contacted the colleague in time; the coordinator must step in.</summary>
    public bool FirstContactMissed(Instant now) => IsOpen && now >= FirstContactDue && (FirstContactAt is not { } first || first > FirstContactDue);

    /// <summary>Follow-ups that are due by <paramref name="now"/> and not met by a contact on or after the day before they fell due.</summary>
    public IReadOnlyList<Instant> FollowUpsOutstanding(Instant now) =>
        IsOpen
            ? FollowUpsDue.Where(due => due <= now && !_contacts.Any(c => c >= due - Duration.FromDays(1))).ToArray()
            : [];

    /// <summary>Ends the case; a referral names where to.</summary>
    public void Close(string memberId, CaseOutcome outcome, ReferralTarget referral, Instant now)
    {
        RequireSupporter(memberId);
        RequireOpen();
        var validation = new Validation();
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

        validation.ThrowIfInvalid();
        Outcome = outcome;
        Referral = referral;
        ClosedAt = now;
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
