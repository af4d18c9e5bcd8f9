namespace Weerbaarheid.Contracts.PeerSupport;

// Events of the dispatch lifecycle and the follow-up cases. Names: "dispatches/{id}", "supportCases/{id}",
// "members/{employee number}", "regions/{region}"; urgencies "IMMEDIATE", "WITHIN_24_HOURS", "ROUTINE".
// They carry no colleague identity (the broker is shared), except ReferralRequested, which exists to hand
// a referred colleague to professional help.

/// <summary>A dispatch was offered to a member, who must answer before <paramref name="Deadline"/>.</summary>
public sealed record DispatchOffered(
    string Dispatch,
    int OfferNumber,
    string Member,
    string Region,
    string Urgency,
    DateTimeOffset OfferedAt,
    DateTimeOffset Deadline);

/// <summary>
/// An offer was declined or not answered in time (<paramref name="Cause"/> "DECLINED" or "EXPIRED"): the
/// dispatch went to <paramref name="OfferedTo"/>, or, when nobody was left, the coordinator was alerted.
/// </summary>
public sealed record DispatchEscalated(
    string Dispatch,
    string Region,
    string FromMember,
    string Cause,
    string? OfferedTo,
    bool CoordinatorAlerted,
    string? Coordinator,
    DateTimeOffset EscalatedAt);

/// <summary>A way to reach a member, for the channel that sends the notification.</summary>
public sealed record NotificationAddress(string Kind, string Address);

/// <summary>
/// Asks the police's SMS/push systems to tell a member something needs them now: <paramref name="Kind"/>
/// "OFFER" (answer before <paramref name="Deadline"/>), "COORDINATOR_ALERT" (nobody took a dispatch) or
/// "FIRST_CONTACT_MISSED" (a case's first contact is overdue). Only who and how urgent, never about whom.
/// </summary>
public sealed record DispatchNotificationRequested(
    string Kind,
    string Member,
    string Subject,
    string Region,
    string Urgency,
    DateTimeOffset? Deadline,
    IReadOnlyList<NotificationAddress> Channels,
    DateTimeOffset RequestedAt);

/// <summary>A member accepted a dispatch: a case is open, its first contact due by <paramref name="FirstContactDue"/>.</summary>
public sealed record CaseOpened(
    string SupportCase,
    string Dispatch,
    string Region,
    string Supporter,
    string Urgency,
    DateTimeOffset OpenedAt,
    DateTimeOffset FirstContactDue);

/// <summary>The supporter recorded the first contact with the colleague.</summary>
public sealed record FirstContactMade(string SupportCase, string Region, string Supporter, DateTimeOffset ContactAt, bool InTime);

/// <summary>The first contact was not recorded in time: the coordinator is alerted to step in.</summary>
public sealed record FirstContactMissed(
    string SupportCase,
    string Region,
    string Supporter,
    string? Coordinator,
    DateTimeOffset FirstContactDue);

/// <summary>A follow-up contact (1 = about 72 hours, 2 = about 4 weeks, by default) is due.</summary>
public sealed record FollowUpDue(string SupportCase, string Region, string Supporter, int FollowUpNumber, DateTimeOffset DueAt);

/// <summary>A case ended: <paramref name="Outcome"/> "CLOSED", "REFERRED" or "DECLINED_BY_COLLEAGUE".</summary>
public sealed record CaseClosed(string SupportCase, string Region, string Supporter, string Outcome, DateTimeOffset ClosedAt);

/// <summary>
/// The supporter referred the colleague to professional help (<paramref name="Target"/>
/// "COMPANY_SOCIAL_WORK", "PSYCHOLOGIST" or "COMPANY_DOCTOR"), with the colleague's consent; the receiving
/// service needs to know whom.
/// </summary>
public sealed record ReferralRequested(
    string SupportCase,
    string Region,
    string Supporter,
    string ColleagueEmployeeId,
    string Target,
    DateTimeOffset RequestedAt);
