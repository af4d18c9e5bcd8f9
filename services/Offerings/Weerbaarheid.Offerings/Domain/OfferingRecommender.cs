using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Domain;

/// <summary>What someone asks recommendations for.</summary>
public sealed record RecommendationRequest(IReadOnlyCollection<Topic> Topics, Severity Severity, Audience Audience, int MaxResults)
{
    public const int DefaultMaxResults = 5;
    public const int LimitMaxResults = 20;

    public void Validate()
    {
        var validation = new Validation();
        validation.Require(Severity != Severity.Unspecified && Enum.IsDefined(Severity), "severity",
            "Required: NONE, MILD, MODERATE, SEVERE or URGENT.");
        validation.Require(Topics.All(t => t != Topic.Unspecified && Enum.IsDefined(t)), "topics",
            "Every topic must be one of the defined values (not UNSPECIFIED).");
        validation.Require(Enum.IsDefined(Audience), "audience", "Must be one of the defined audiences.");
        validation.Require(MaxResults is >= 0 and <= LimitMaxResults, "max_results", $"Between 1 and {LimitMaxResults}, or 0 for {DefaultMaxResults}.");
        validation.ThrowIfInvalid();
    }
}

public sealed record Recommendation(Offering Offering, LocalizedText Reason, IReadOnlyList<Topic> MatchedTopics);

/// <summary>What to do right now, shown prominently with the numbers to call.</summary>
public sealed record UrgentHelp(LocalizedText Message, IReadOnlyList<ContactChannel> Contacts);

public sealed record RecommendationResult(IReadOnlyList<Recommendation> Recommendations, UrgentHelp? UrgentHelp);

/// <summary>
/// Ranks active offerings for a situation. An offering qualifies by covering a requested topic, by
/// suiting the severity when no topic was given, or, when urgent, by being a 24/7 route. Ranking: in
/// an urgent situation the 24/7 routes (peer support and professional help reachable around the
/// clock: TCO, the 24/7 desk) always come first; then topic matches weigh most, then how well the
/// kind of help suits the severity. Ties go by name, so the answer is stable.
/// </summary>
public static class OfferingRecommender
{
    // How well each kind of help suits a severity (0 = not suited, 3 = first choice).
    private static readonly Dictionary<Severity, Dictionary<Category, int>> Fit = new()
    {
        [Severity.None] = new()
        {
            [Category.Prevention] = 3,
            [Category.SelfHelp] = 3,
            [Category.Training] = 2,
            [Category.TeamDevelopment] = 2,
            [Category.PartnersAndFamily] = 1,
            [Category.Organisational] = 1,
        },
        [Severity.Mild] = new()
        {
            [Category.SelfHelp] = 3,
            [Category.Prevention] = 2,
            [Category.Training] = 2,
            [Category.PeerSupport] = 2,
            [Category.TeamDevelopment] = 1,
            [Category.PartnersAndFamily] = 1,
        },
        [Severity.Moderate] = new()
        {
            [Category.ProfessionalHelp] = 3,
            [Category.PeerSupport] = 2,
            [Category.Prevention] = 2,
            [Category.SelfHelp] = 1,
            [Category.PartnersAndFamily] = 1,
            [Category.Aftercare] = 1,
        },
        [Severity.Severe] = new()
        {
            [Category.ProfessionalHelp] = 3,
            [Category.PeerSupport] = 3,
            [Category.Aftercare] = 2,
            [Category.PartnersAndFamily] = 1,
        },
        [Severity.Urgent] = new()
        {
            [Category.ProfessionalHelp] = 3,
            [Category.PeerSupport] = 3,
            [Category.Aftercare] = 1,
        },
    };

    public static readonly UrgentHelp UrgentHelpBlock = new(
        new LocalizedText(
            "Ben je in acuut gevaar, of denk je aan zelfdoding? Bel bij direct gevaar 112. Praat met 113 Zelfmoordpreventie: " +
            "bel 113 of gratis 0800-0113, dag en nacht. Het Loket 24/7 en Team Collegiale Ondersteuning zijn er ook, op elk moment.",
            "Are you in acute danger, or thinking about suicide? In immediate danger call 112. Talk to 113 Suicide Prevention: " +
            "call 113 or free 0800-0113, day and night. The 24/7 desk and the peer-support team (TCO) are there too, at any moment."),
        [
            new(ContactChannelKind.Phone, "112", new("Alarmnummer bij direct gevaar", "Emergency number for immediate danger"), true),
            new(ContactChannelKind.Phone, "113", new("113 Zelfmoordpreventie", "113 Suicide Prevention"), true),
            new(ContactChannelKind.Phone, "0800-0113", new("113 Zelfmoordpreventie, gratis", "113 Suicide Prevention, free of charge"), true),
            new(ContactChannelKind.Website, "https://www.113.nl", new("113 Zelfmoordpreventie, chat", "113 Suicide Prevention, chat"), true),
        ]);

    public static RecommendationResult Recommend(IEnumerable<Offering> catalogue, RecommendationRequest request)
    {
        request.Validate();
        var audience = request.Audience == Audience.Unspecified ? Audience.Employee : request.Audience;
        var max = request.MaxResults == 0 ? RecommendationRequest.DefaultMaxResults : request.MaxResults;
        var urgent = request.Severity == Severity.Urgent;
        var fit = Fit[request.Severity];

        var ranked = catalogue
            .Where(o => o.IsActive && o.Content.Audiences.Contains(audience))
            .Select(o =>
            {
                var matched = o.Content.Topics.Where(request.Topics.Contains).ToArray();
                var suits = fit.GetValueOrDefault(o.Content.Category);
                var urgentRoute = urgent && IsAroundTheClockRoute(o);
                var qualifies = matched.Length > 0 || (request.Topics.Count == 0 && suits > 0) || urgentRoute;
                return (Offering: o, Matched: matched, Suits: suits, UrgentRoute: urgentRoute, Qualifies: qualifies);
            })
            .Where(c => c.Qualifies)
            .OrderByDescending(c => c.UrgentRoute)
            .ThenByDescending(c => (c.Matched.Length * 10) + (c.Suits * 3))
            .ThenBy(c => c.Offering.Slug, StringComparer.Ordinal)
            .Take(max)
            .Select(c => new Recommendation(c.Offering, Reason(c.Matched, c.Suits, c.UrgentRoute, request.Severity), c.Matched))
            .ToArray();

        return new RecommendationResult(ranked, urgent ? UrgentHelpBlock : null);
    }

    /// <summary>Help reachable right now: peer support or professional help, around the clock.</summary>
    public static bool IsAroundTheClockRoute(Offering offering) =>
        offering.Content.Availability.AroundTheClock
        && offering.Content.Category is Category.PeerSupport or Category.ProfessionalHelp;

    private static LocalizedText Reason(IReadOnlyList<Topic> matched, int suits, bool urgentRoute, Severity severity)
    {
        var nl = new List<string>();
        var en = new List<string>();
        if (urgentRoute)
        {
            nl.Add("Direct bereikbaar, dag en nacht: de eerste route in een acute situatie.");
            en.Add("Reachable right now, day and night: the first route in an acute situation.");
        }

        if (matched.Count > 0)
        {
            nl.Add($"Helpt bij {Join(matched.Select(t => Labels.Of(t).Nl), "en")}.");
            en.Add($"Helps with {Join(matched.Select(t => Labels.Of(t).En), "and")}.");
        }

        if (suits >= 2 && !urgentRoute)
        {
            var level = Labels.Of(severity);
            nl.Add(severity == Severity.None ? "Helpt om weerbaar te blijven." : $"Past bij {level.Nl}.");
            en.Add(severity == Severity.None ? "Helps to stay resilient." : $"Suits {level.En}.");
        }

        if (nl.Count == 0)
        {
            var level = Labels.Of(severity);
            nl.Add($"Kan ook passen bij {level.Nl}.");
            en.Add($"May also suit {level.En}.");
        }

        return new LocalizedText(string.Join(" ", nl), string.Join(" ", en));
    }

    private static string Join(IEnumerable<string> words, string conjunction)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} {conjunction} {list[^1]}";
    }
}
