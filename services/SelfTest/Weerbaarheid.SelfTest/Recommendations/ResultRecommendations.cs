using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SelfTest.Domain;
using OfferingsV1 = Weerbaarheid.Offerings.V1;
using Proto = Weerbaarheid.SelfTest.V1;

namespace Weerbaarheid.SelfTest.Recommendations;

/// <summary>Recommended offerings for a result, where they came from, and what to tell the reader about that.</summary>
public sealed record ResultRecommendationAnswer(
    IReadOnlyList<Proto.RecommendedOffering> Offerings, Proto.RecommendationSource Source, Proto.LocalizedText? Note);

/// <summary>
/// Asks Offerings what fits a result: the instrument's topics at the result's severity. Only those two
/// leave this service; nothing of the answers or the token does. When Offerings cannot answer, the
/// local copy does, and the result says so.
/// </summary>
public sealed class ResultRecommendations(OfferingRecommendations recommendations)
{
    private const int MaxResults = 5;

    private static readonly Proto.LocalizedText LocalCopyNote = new() { Nl = RecommendationNotes.LocalCopyNl, En = RecommendationNotes.LocalCopyEn };

    public async Task<ResultRecommendationAnswer> ForAsync(SelfTestResult result, CancellationToken cancellationToken)
    {
        var answer = await recommendations.RecommendAsync(
            TopicsOf(result.Instrument), SeverityOf(result.Severity), OfferingsV1.Audience.Employee, MaxResults, cancellationToken);
        var offerings = answer.Offerings.Select(o => new Proto.RecommendedOffering
        {
            Offering = o.Name,
            Title = new() { Nl = o.TitleNl, En = o.TitleEn },
            Summary = new() { Nl = o.SummaryNl, En = o.SummaryEn },
            Reason = new() { Nl = o.ReasonNl, En = o.ReasonEn },
            AroundTheClock = o.AroundTheClock,
            AccessUrl = o.AccessUrl ?? "",
        }).ToArray();
        return answer.Source == RecommendationSource.LocalCopy
            ? new(offerings, Proto.RecommendationSource.LocalCopy, LocalCopyNote)
            : new(offerings, Proto.RecommendationSource.Live, null);
    }

    /// <summary>The instrument's topics (proto names such as TOPIC_STRESS) as Offerings' enum; unknown names are a definition bug.</summary>
    internal static IReadOnlyCollection<OfferingsV1.Topic> TopicsOf(Instrument instrument) =>
        instrument.Topics.Select(name => ProtoNames.Parse<OfferingsV1.Topic>(name)
            ?? throw new InvalidOperationException($"{instrument.Id}: '{name}' is not an Offerings topic.")).ToArray();

    internal static OfferingsV1.Severity SeverityOf(Severity severity) => severity switch
    {
        Severity.None => OfferingsV1.Severity.None,
        Severity.Mild => OfferingsV1.Severity.Mild,
        Severity.Moderate => OfferingsV1.Severity.Moderate,
        Severity.Severe => OfferingsV1.Severity.Severe,
        Severity.Urgent => OfferingsV1.Severity.Urgent,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
