namespace Weerbaarheid.SelfTest;

/// <summary>Settings of the SelfTest service (section <c>SelfTest</c>).</summary>
public sealed class SelfTestOptions
{
    public const string Section = "SelfTest";

    /// <summary>The smallest group size any published figure may describe; below 10 is refused at start-up.</summary>
    public const int LeastMinimumGroupSize = 10;

    /// <summary>Days a self-test and its answers are kept after the week it started; then deleted.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Statistics cells with fewer completions are suppressed (k-anonymity).</summary>
    public int MinimumGroupSize { get; set; } = LeastMinimumGroupSize;

    /// <summary>
    /// How often finished self-tests are announced (<c>SelfTestCompleted</c>), in a shuffled batch, so
    /// the broker's timestamps cannot tie a band to the moment someone finished.
    /// </summary>
    public TimeSpan CompletionReleaseInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often expired self-tests are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Run the release and purge jobs in this process (tests drive them by hand).</summary>
    public bool RunBackgroundJobs { get; set; } = true;

    /// <summary>The 24/7 desk's phone number for the urgent-help block; empty names the intranet only.</summary>
    public string? DeskPhone { get; set; }

    /// <summary>Instrument parameters within the authors' published ranges, e.g. <c>SelfTest:Instruments:pcl-5:cutoff = 32</c>.</summary>
    public Dictionary<string, Dictionary<string, int>> Instruments { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        if (RetentionDays is < 1 or > 366)
        {
            yield return $"{Section}:{nameof(RetentionDays)} must be between 1 and 366 days.";
        }

        if (MinimumGroupSize < LeastMinimumGroupSize)
        {
            yield return $"{Section}:{nameof(MinimumGroupSize)} must be at least {LeastMinimumGroupSize}: smaller groups can single people out.";
        }

        if (CompletionReleaseInterval <= TimeSpan.Zero || PurgeInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}: the release and purge intervals must be positive.";
        }
    }
}
