namespace Weerbaarheid.Offerings.Client;

/// <summary>Section <c>Offerings</c>: how a service reaches Offerings, and what it does when Offerings is down.</summary>
public sealed class OfferingsClientOptions
{
    public const string Section = "Offerings";

    /// <summary>The name of the gRPC client (Grpc.Net.ClientFactory), for configuring its HTTP handler.</summary>
    public const string ClientName = "weerbaarheid-offerings";

    /// <summary>Offerings' gRPC (h2c) address.</summary>
    public Uri Address { get; set; } = new("http://localhost:5110");

    /// <summary>Deadline of every call to Offerings, its retries included.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Attempts per call, the first one included, while Offerings answers UNAVAILABLE (the gRPC channel's retry
    /// policy, with back-off). 1 turns retries off.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The circuit opens when at least this share of the calls in <see cref="BreakerSamplingDuration"/> failed…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…and there were at least this many calls (2 or more).</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    /// <summary>The window the failure ratio is measured over.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While open, calls go straight to the local copy; then one trial call tests Offerings again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a live answer is reused for the same question; zero turns the cache off.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait before the primer tries again to copy the catalogue; it doubles up to <see cref="PrimerMaxRetryDelay"/>.</summary>
    public TimeSpan PrimerRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between the primer's attempts.</summary>
    public TimeSpan PrimerMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
