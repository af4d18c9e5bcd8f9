using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client;

/// <summary>Recommended offerings, best first, and where the answer came from.</summary>
public sealed record RecommendationAnswer(IReadOnlyList<RecommendedOffering> Offerings, RecommendationSource Source);

public enum RecommendationSource
{
    /// <summary>Offerings answered this question just now.</summary>
    Live = 1,

    /// <summary>Offerings' answer to the same question a little earlier (<see cref="OfferingsClientOptions.CacheDuration"/>).</summary>
    Cached = 2,

    /// <summary>Offerings did not answer; ranked here from the local copy of the catalogue, more simply than Offerings does.</summary>
    LocalCopy = 3,
}

/// <summary>
/// One recommended offering, with why it was chosen. <see cref="Category"/> and <see cref="AccessMethod"/> are
/// the proto enum names, e.g. "CATEGORY_PEER_SUPPORT" and "ACCESS_METHOD_ON_CALL_ROTA".
/// </summary>
public sealed record RecommendedOffering(
    string Name,
    string TitleNl,
    string TitleEn,
    string SummaryNl,
    string SummaryEn,
    string Category,
    string AccessMethod,
    string? AccessUrl,
    bool AroundTheClock,
    string ReasonNl,
    string ReasonEn,
    IReadOnlyList<Topic> MatchedTopics);
