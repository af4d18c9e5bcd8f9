using Weerbaarheid.Contracts.Offerings;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>
/// Offerings as Offerings announces them (<see cref="OfferingChanged"/>, enum values as proto names), for the
/// local copy the service recommends from while Offerings is unreachable.
/// </summary>
public static class SampleOfferings
{
    public const string PeerSupport = "offerings/tco-collegiale-ondersteuning";
    public const string StressSelfHelp = "offerings/stress-zelfhulp";

    private static readonly DateTimeOffset ChangedAt = SelfTestApp.Start.ToDateTimeOffset().AddDays(-7);

    /// <summary>The peer-support team: after heavy incidents and with PTSD, reachable day and night.</summary>
    public static OfferingChanged PeerSupportCreated => new(PeerSupport, OfferingChangeKind.Created, 1, ChangedAt, new OfferingSnapshot(
        "Collegiale ondersteuning (TCO)", "Peer support (TCO)",
        "Een getrainde collega neemt na een heftig incident contact met je op.", "A trained colleague contacts you after a heavy incident.",
        "CATEGORY_PEER_SUPPORT", ["AUDIENCE_EMPLOYEE"], ["TOPIC_HEAVY_INCIDENT", "TOPIC_PTSD"],
        AroundTheClock: true, "ACCESS_METHOD_ON_CALL_ROTA", AccessUrl: null, "STATE_ACTIVE"));

    /// <summary>Self-help for stress, in office hours and online.</summary>
    public static OfferingChanged StressSelfHelpCreated => new(StressSelfHelp, OfferingChangeKind.Created, 1, ChangedAt, new OfferingSnapshot(
        "Zelfhulp bij stress", "Self-help for stress",
        "Oefeningen en uitleg om stress te herkennen en te verminderen.", "Exercises and explanations to recognise and reduce stress.",
        "CATEGORY_SELF_HELP", ["AUDIENCE_EMPLOYEE"], ["TOPIC_STRESS"],
        AroundTheClock: false, "ACCESS_METHOD_SELF_SERVICE", "https://intranet.example/stress", "STATE_ACTIVE"));

    /// <summary>Puts both offerings in <paramref name="app"/>'s local copy (a second call changes nothing: same versions).</summary>
    public static async Task PublishAllAsync(SelfTestApp app)
    {
        foreach (var changed in new[] { PeerSupportCreated, StressSelfHelpCreated })
        {
            await app.PublishAsync(changed, consumed => consumed.Name == changed.Name && consumed.Version == changed.Version);
        }
    }
}
