using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// Ranks the local copy when Offerings cannot: simpler than Offerings' own recommender, but safe. Active
/// offerings for the audience qualify by covering a requested topic (without topics: every one of them).
/// In a severe or urgent situation the 24/7 routes (peer support and professional help reachable around the
/// clock) qualify too and come first; then more matched topics; ties go by name, so the answer is stable.
/// </summary>
public static class LocalOfferingRanker
{
    public const int DefaultMaxResults = 5;

    public static IReadOnlyList<RecommendedOffering> Rank(
        IEnumerable<CachedOffering> copy, IReadOnlyCollection<Topic> topics, Severity severity, Audience audience, int maxResults)
    {
        var audienceName = ProtoNames.Of(audience == Audience.Unspecified ? Audience.Employee : audience);
        var acute = severity is Severity.Urgent or Severity.Severe;
        var requested = topics.Distinct().ToArray();

        return copy
            .Where(o => o.IsActive && o.Audiences.Contains(audienceName))
            .Select(o =>
            {
                var matched = requested.Where(t => o.Topics.Contains(ProtoNames.Of(t))).ToArray();
                var urgentRoute = acute && IsAroundTheClockRoute(o);
                return (Offering: o, Matched: matched, UrgentRoute: urgentRoute);
            })
            .Where(c => requested.Length == 0 || c.Matched.Length > 0 || c.UrgentRoute)
            .OrderByDescending(c => c.UrgentRoute)
            .ThenByDescending(c => c.Matched.Length)
            .ThenBy(c => c.Offering.Name, StringComparer.Ordinal)
            .Take(maxResults == 0 ? DefaultMaxResults : maxResults)
            .Select(c => Recommended(c.Offering, c.Matched, c.UrgentRoute))
            .ToArray();
    }

    /// <summary>Help reachable right now: peer support or professional help, around the clock.</summary>
    public static bool IsAroundTheClockRoute(CachedOffering offering) =>
        offering.AroundTheClock
        && (offering.Category == ProtoNames.Of(Category.PeerSupport) || offering.Category == ProtoNames.Of(Category.ProfessionalHelp));

    private static RecommendedOffering Recommended(CachedOffering o, Topic[] matched, bool urgentRoute)
    {
        var nl = new List<string>();
        var en = new List<string>();
        if (urgentRoute)
        {
            nl.Add("Direct bereikbaar, dag en nacht.");
            en.Add("Reachable right now, day and night.");
        }

        if (matched.Length > 0)
        {
            nl.Add($"Helpt bij {Join(matched.Select(t => Label(t).Nl), "en")}.");
            en.Add($"Helps with {Join(matched.Select(t => Label(t).En), "and")}.");
        }

        if (nl.Count == 0)
        {
            nl.Add("Hoort bij het aanbod voor jou.");
            en.Add("Part of what is offered to you.");
        }

        return new RecommendedOffering(o.Name, o.TitleNl, o.TitleEn, o.SummaryNl, o.SummaryEn, o.Category, o.AccessMethod, o.AccessUrl,
            o.AroundTheClock, string.Join(" ", nl), string.Join(" ", en), matched);
    }

    private static (string Nl, string En) Label(Topic topic) => topic switch
    {
        Topic.Stress => ("stress", "stress"),
        Topic.Burnout => ("burn-out", "burn-out"),
        Topic.Ptsd => ("PTSS", "PTSD"),
        Topic.HeavyIncident => ("een heftig incident", "a heavy incident"),
        Topic.UnsafeWorkplace => ("een onveilige werkplek", "an unsafe workplace"),
        Topic.PhysicalCondition => ("fysieke conditie", "physical condition"),
        Topic.TeamReflection => ("reflectie in het team", "team reflection"),
        Topic.ReturnToWork => ("terugkeer naar werk", "returning to work"),
        Topic.Resilience => ("weerbaarheid", "resilience"),
        Topic.HomeSituation => ("de thuissituatie", "the situation at home"),
        Topic.WorkplaceRisks => ("risico's in het werk", "risks in the work"),
        Topic.EarlySignals => ("vroege signalen", "early signals"),
        _ => (topic.ToString(), topic.ToString()),
    };

    private static string Join(IEnumerable<string> words, string conjunction)
    {
        var list = words.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} {conjunction} {list[^1]}";
    }
}
