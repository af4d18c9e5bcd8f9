namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>Section <c>Messaging:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Messages claimed and published per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How often the dispatcher looks for work when nobody woke it: picks up messages committed by other
    /// replicas, and left behind by a crash.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one publish may wait for the broker's confirmation before it counts as failed.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed message belongs to one dispatcher; after that another replica may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest wait between retries while the broker is unreachable.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
