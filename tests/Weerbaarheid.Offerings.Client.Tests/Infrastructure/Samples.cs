using Weerbaarheid.Contracts.Offerings;

namespace Weerbaarheid.Offerings.Client.Tests.Infrastructure;

/// <summary>Offerings as their events describe them; tests change the fields they are about.</summary>
public static class Samples
{
    public static readonly DateTimeOffset ChangedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static OfferingSnapshot Snapshot(
        string title = "Weerbaar in de wijk",
        string category = "CATEGORY_PEER_SUPPORT",
        string[]? topics = null,
        string[]? audiences = null,
        bool aroundTheClock = false,
        string state = CachedOffering.Active) => new(
        TitleNl: title,
        TitleEn: $"{title} (en)",
        SummaryNl: "Gesprekken met collega's na een zware dienst.",
        SummaryEn: "Talks with colleagues after a hard shift.",
        Category: category,
        Audiences: audiences ?? ["AUDIENCE_EMPLOYEE"],
        Topics: topics ?? ["TOPIC_STRESS"],
        AroundTheClock: aroundTheClock,
        AccessMethod: "ACCESS_METHOD_SIGN_UP",
        AccessUrl: "https://intranet.politie.nl/weerbaar-in-de-wijk",
        State: state);

    public static OfferingChanged Created(string slug, OfferingSnapshot? snapshot = null) =>
        new($"offerings/{slug}", OfferingChangeKind.Created, 1, ChangedAt, snapshot ?? Snapshot());

    public static OfferingChanged Updated(string slug, long version, OfferingSnapshot snapshot) =>
        new($"offerings/{slug}", OfferingChangeKind.Updated, version, ChangedAt.AddMinutes(version), snapshot);

    public static OfferingChanged Retired(string slug, long version, OfferingSnapshot? snapshot = null) =>
        new($"offerings/{slug}", OfferingChangeKind.Retired, version, ChangedAt.AddMinutes(version),
            snapshot ?? Snapshot(state: CachedOffering.Retired));

    /// <summary>An offering in the copy, as the ranker sees it.</summary>
    public static CachedOffering Cached(string slug, OfferingSnapshot? snapshot = null, long version = 1) =>
        CachedOffering.Create($"offerings/{slug}", version, snapshot ?? Snapshot(), NodaTime.Instant.FromDateTimeOffset(ChangedAt));
}
