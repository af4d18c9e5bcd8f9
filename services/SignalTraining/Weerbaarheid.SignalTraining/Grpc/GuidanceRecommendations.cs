using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SignalTraining.Domain.Guidance;
using OfferingsV1 = Weerbaarheid.Offerings.V1;
using Proto = Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Grpc;

/// <summary>Recommended offerings for a guidance, where they came from, and what to tell the manager about that.</summary>
public sealed record GuidanceRecommendationAnswer(
    IReadOnlyList<Proto.RecommendedOffering> Offerings, Proto.RecommendationSource Source, Proto.LocalizedText? Note);

/// <summary>
/// Asks Offerings what fits a guidance: its topics at its severity, for the employee the manager worries about.
/// Only those leave this service, never the signals themselves, let alone who shows them. When Offerings cannot
/// answer, the local copy does, and the answer says so.
/// </summary>
public sealed class GuidanceRecommendations(OfferingRecommendations recommendations)
{
    private const int MaxResults = 5;

    private static readonly Proto.LocalizedText LocalCopyNote = new() { Nl = RecommendationNotes.LocalCopyNl, En = RecommendationNotes.LocalCopyEn };

    private static readonly Proto.LocalizedText CachedNote = new()
    {
        Nl = "De aanbevelingen zijn kort geleden uit de catalogus opgehaald.",
        En = "These recommendations were taken from the catalogue a short while ago.",
    };

    /// <summary>The contract names of Offerings' topics (e.g. TOPIC_STRESS), which the guidance file must use.</summary>
    public static IReadOnlySet<string> OfferingTopics { get; } = Enum.GetValues<OfferingsV1.Topic>()
        .Where(t => t != OfferingsV1.Topic.Unspecified)
        .Select(ProtoNames.Of)
        .ToHashSet(StringComparer.Ordinal);

    public async Task<GuidanceRecommendationAnswer> ForAsync(Advice advice, CancellationToken cancellationToken)
    {
        var answer = await recommendations.RecommendAsync(
            TopicsOf(advice), SeverityOf(advice.Severity), OfferingsV1.Audience.Employee, MaxResults, cancellationToken);
        return From(answer);
    }

    /// <summary>The library's answer in the contract's words; every source but a live answer comes with a note.</summary>
    internal static GuidanceRecommendationAnswer From(RecommendationAnswer answer)
    {
        var offerings = answer.Offerings.Select(o => new Proto.RecommendedOffering
        {
            Offering = o.Name,
            Title = new() { Nl = o.TitleNl, En = o.TitleEn },
            Summary = new() { Nl = o.SummaryNl, En = o.SummaryEn },
            Reason = new() { Nl = o.ReasonNl, En = o.ReasonEn },
            AroundTheClock = o.AroundTheClock,
            AccessUrl = o.AccessUrl ?? "",
        }).ToArray();
        return answer.Source switch
        {
            RecommendationSource.LocalCopy => new(offerings, Proto.RecommendationSource.LocalCopy, LocalCopyNote),
            RecommendationSource.Cached => new(offerings, Proto.RecommendationSource.Cached, CachedNote),
            _ => new(offerings, Proto.RecommendationSource.Live, null),
        };
    }

    /// <summary>The guidance's topics as Offerings' enum; the definition check has made sure every name is one.</summary>
    internal static IReadOnlyCollection<OfferingsV1.Topic> TopicsOf(Advice advice) =>
        advice.Topics.Select(name => ProtoNames.Parse<OfferingsV1.Topic>(name)
            ?? throw new InvalidOperationException($"'{name}' is not an Offerings topic.")).ToArray();

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
