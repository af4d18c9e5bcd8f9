namespace Weerbaarheid.PeerSupport;

/// <summary>Section <c>PeerSupport</c>.</summary>
public sealed class PeerSupportOptions
{
    public const string Section = "PeerSupport";

    /// <summary>The gateway's public address, for the calendar feed links members put in their calendar apps.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>How long before a shift the ShiftStarting notice goes out.</summary>
    public TimeSpan ShiftNoticeLead { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead coverage gaps are watched for CoverageGapDetected.</summary>
    public int GapWatchDays { get; set; } = 14;

    /// <summary>Run the handoff notices and the coverage watch in the background (tests run them by hand).</summary>
    public bool RunBackgroundJobs { get; set; } = true;
}

/// <summary>Section <c>PeerSupport:Dispatch</c>: the programme's rules for dispatches and cases.</summary>
public sealed class DispatchOptions
{
    public const string Section = "PeerSupport:Dispatch";

    /// <summary>How long a member has to answer an offer, by urgency.</summary>
    public TimeSpan AnswerWithinImmediate { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan AnswerWithin24Hours { get; set; } = TimeSpan.FromMinutes(60);
    public TimeSpan AnswerWithinRoutine { get; set; } = TimeSpan.FromHours(4);

    /// <summary>First contact after acceptance: for immediate dispatches, and for the others.</summary>
    public TimeSpan FirstContactImmediate { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan FirstContactOtherwise { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Follow-up contacts after acceptance; unset means about 72 hours and 4 weeks. (Unset rather than a
    /// default array, because configuration binding appends to an array instead of replacing it.)</summary>
    public TimeSpan[]? FollowUps { get; set; }

    /// <summary>A member who took an immediate (heavy) case is not asked again for this long.</summary>
    public TimeSpan RestAfterHeavyCase { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Members are not asked to support colleagues of their own team.</summary>
    public bool ExcludeOwnTeam { get; set; } = true;

    /// <summary>How long after a case ends (or a dispatch without case began) the colleague's details are removed.</summary>
    public TimeSpan CaseRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A WatchDispatches stream idle this long gets a heartbeat (keep it below every proxy's idle timeout).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often due offer deadlines and case deadlines are checked.</summary>
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the offer feed is read for offers made by other replicas.</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public Domain.Dispatch.AcceptanceWindows AcceptanceWindows() => new(
        NodaTime.Duration.FromTimeSpan(AnswerWithinImmediate),
        NodaTime.Duration.FromTimeSpan(AnswerWithin24Hours),
        NodaTime.Duration.FromTimeSpan(AnswerWithinRoutine));

    public Domain.Dispatch.FollowUpPlan FollowUpPlan() => new(
        NodaTime.Duration.FromTimeSpan(FirstContactImmediate),
        NodaTime.Duration.FromTimeSpan(FirstContactOtherwise),
        FollowUps is { Length: > 0 } followUps
            ? followUps.Select(NodaTime.Duration.FromTimeSpan).ToArray()
            : Domain.Dispatch.FollowUpPlan.Default.FollowUps);
}
