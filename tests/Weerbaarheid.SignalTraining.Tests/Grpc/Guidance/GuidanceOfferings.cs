using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Guidance;

/// <summary>
/// Offerings as Offerings announces them (<see cref="OfferingChanged"/>, enum values as proto names), for the
/// local copy the guidance recommends from while Offerings is unreachable. Two are not for the employee a manager
/// worries about (one for managers, one for teams) and must never be recommended by the guidance.
/// </summary>
public static class GuidanceOfferings
{
    public const string PeerSupport = "offerings/tco-collegiale-ondersteuning";
    public const string Desk = "offerings/loket-24-7";
    public const string SocialWork = "offerings/bedrijfsmaatschappelijk-werk";
    public const string ManagersTraining = "offerings/signaaltraining-leidinggevenden";
    public const string TeamConversations = "offerings/blauw-vakmanschap";

    private static readonly DateTimeOffset ChangedAt = SignalTrainingApp.Start.ToDateTimeOffset().AddDays(-7);

    public static IReadOnlyList<OfferingChanged> All =>
    [
        Created(PeerSupport, "Collegiale ondersteuning (TCO)", "Peer support (TCO)", "CATEGORY_PEER_SUPPORT", "AUDIENCE_EMPLOYEE",
            ["TOPIC_HEAVY_INCIDENT", "TOPIC_PTSD"], aroundTheClock: true, "ACCESS_METHOD_ON_CALL_ROTA", null),
        Created(Desk, "Loket 24/7", "24/7 desk", "CATEGORY_PROFESSIONAL_HELP", "AUDIENCE_EMPLOYEE",
            ["TOPIC_STRESS", "TOPIC_HOME_SITUATION"], aroundTheClock: true, "ACCESS_METHOD_SELF_SERVICE", "https://intranet.example/loket"),
        Created(SocialWork, "Bedrijfsmaatschappelijk werk", "Company social work", "CATEGORY_PROFESSIONAL_HELP", "AUDIENCE_EMPLOYEE",
            ["TOPIC_STRESS", "TOPIC_BURNOUT", "TOPIC_PTSD"], aroundTheClock: false, "ACCESS_METHOD_REFERRAL", "https://intranet.example/bmw"),
        Created(ManagersTraining, "Signaaltraining", "Signal training", "CATEGORY_TRAINING", "AUDIENCE_MANAGER",
            ["TOPIC_EARLY_SIGNALS", "TOPIC_STRESS"], aroundTheClock: false, "ACCESS_METHOD_SIGN_UP", null),
        Created(TeamConversations, "Blauw Vakmanschap", "Blauw Vakmanschap", "CATEGORY_TEAM_DEVELOPMENT", "AUDIENCE_TEAM",
            ["TOPIC_TEAM_REFLECTION", "TOPIC_HEAVY_INCIDENT"], aroundTheClock: false, "ACCESS_METHOD_BOOKING", null),
    ];

    /// <summary>Puts every offering in <paramref name="app"/>'s local copy (a second call changes nothing: same versions).</summary>
    public static async Task PublishAllAsync(SignalTrainingApp app)
    {
        foreach (var changed in All)
        {
            await app.PublishAsync(changed, consumed => consumed.Name == changed.Name && consumed.Version == changed.Version);
        }
    }

    private static OfferingChanged Created(
        string name, string titleNl, string titleEn, string category, string audience, string[] topics, bool aroundTheClock, string access, string? url) =>
        new(name, OfferingChangeKind.Created, 1, ChangedAt, new OfferingSnapshot(
            titleNl, titleEn, $"Over {titleNl}.", $"About {titleEn}.", category, [audience], topics, aroundTheClock, access, url, "STATE_ACTIVE"));
}
