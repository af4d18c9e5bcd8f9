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
