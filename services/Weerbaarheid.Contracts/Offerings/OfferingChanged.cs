namespace Weerbaarheid.Contracts.Offerings;

/// <summary>
/// An offering was created, updated or retired. Carries a snapshot of what other services need to
/// recommend it without calling Offerings (SelfTest and SignalTraining keep a local copy for when
/// Offerings is unreachable). Enum values are the proto enum names (e.g. "TOPIC_STRESS").
/// </summary>
public sealed record OfferingChanged(
    string Name,
    OfferingChangeKind Change,
    long Version,
    DateTimeOffset ChangedAt,
    OfferingSnapshot Offering);

public enum OfferingChangeKind
{
    Created = 1,
    Updated = 2,
    Retired = 3,
}

/// <summary>The offering as it is after the change.</summary>
public sealed record OfferingSnapshot(
    string TitleNl,
    string TitleEn,
    string SummaryNl,
    string SummaryEn,
    string Category,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> Topics,
    bool AroundTheClock,
    string AccessMethod,
    string? AccessUrl,
    string State);
