using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Tests.Domain;

public sealed class OfferingRecommenderTests
{
    private static readonly string[] AroundTheClockRoutes = ["loket-24-7", "team-collegiale-ondersteuning"];

    private static List<Offering> Catalogue() =>
        ProgrammeOfferings.All.Select(seed => Offering.Create(seed.Slug, seed.Content, OfferingsApp.Start)).ToList();

    private static RecommendationResult Recommend(
        IEnumerable<Offering> catalogue, Severity severity, Topic[]? topics = null, Audience audience = Audience.Unspecified, int max = 0) =>
        OfferingRecommender.Recommend(catalogue, new RecommendationRequest(topics ?? [], severity, audience, max));

    private static List<string> Slugs(RecommendationResult result) => result.Recommendations.Select(r => r.Offering.Slug).ToList();

    [Fact]
    public void Urgent_puts_the_around_the_clock_peer_support_and_professional_help_first()
    {
        var result = Recommend(Catalogue(), Severity.Urgent);

        var slugs = Slugs(result);
        Assert.Equal(AroundTheClockRoutes, slugs.Take(2));
        Assert.All(result.Recommendations.Take(2), r => Assert.True(OfferingRecommender.IsAroundTheClockRoute(r.Offering)));
        Assert.All(result.Recommendations.Skip(2), r => Assert.False(OfferingRecommender.IsAroundTheClockRoute(r.Offering)));
        // 24/7 self-help (the self-test, the health plaza) is no route in an acute situation.
        Assert.DoesNotContain("zelftest", slugs.Take(2));
        Assert.DoesNotContain("digitaal-gezondheidsplein", slugs.Take(2));
    }

    [Fact]
    public void Urgent_routes_come_before_offerings_that_match_the_topic()
    {
        var result = Recommend(Catalogue(), Severity.Urgent, [Topic.UnsafeWorkplace]);

        var slugs = Slugs(result);
        Assert.Equal(AroundTheClockRoutes, slugs.Take(2));
        Assert.Equal("collegas-in-de-knel", slugs[2]);
        Assert.Empty(result.Recommendations[0].MatchedTopics);
        Assert.Equal([Topic.UnsafeWorkplace], result.Recommendations[2].MatchedTopics);
    }

    [Fact]
    public void Urgent_carries_the_emergency_numbers()
    {
        var help = Recommend(Catalogue(), Severity.Urgent).UrgentHelp;

        Assert.NotNull(help);
        var numbers = help.Contacts.Where(c => c.Kind == ContactChannelKind.Phone).Select(c => c.Value).ToList();
        Assert.Equal(["112", "113", "0800-0113"], numbers);
        Assert.All(help.Contacts, c => Assert.True(c.AroundTheClock));
        Assert.Contains("112", help.Message.Nl, StringComparison.Ordinal);
        Assert.Contains("0800-0113", help.Message.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.None)]
    [InlineData(Severity.Mild)]
    [InlineData(Severity.Moderate)]
    [InlineData(Severity.Severe)]
    public void Only_urgent_carries_urgent_help(Severity severity)
    {
        Assert.Null(Recommend(Catalogue(), severity).UrgentHelp);
    }

    [Fact]
    public void Urgent_help_is_given_even_when_no_route_is_left()
    {
        var result = Recommend([], Severity.Urgent);

        Assert.Empty(result.Recommendations);
        Assert.NotNull(result.UrgentHelp);
    }

    [Fact]
    public void More_matching_topics_rank_above_a_better_severity_fit()
    {
        var professional = Offering.Create("professional", Samples.Content(Category.ProfessionalHelp, topics: [Topic.Stress]), OfferingsApp.Start);
        var prevention = Offering.Create("prevention", Samples.Content(Category.Prevention, topics: [Topic.Stress, Topic.Burnout]), OfferingsApp.Start);

        var result = Recommend([professional, prevention], Severity.Severe, [Topic.Stress, Topic.Burnout]);

        Assert.Equal(["prevention", "professional"], Slugs(result));
        Assert.Equal([Topic.Stress, Topic.Burnout], result.Recommendations[0].MatchedTopics);
    }

    [Fact]
    public void Among_equal_topic_matches_the_severity_fit_decides()
    {
        var prevention = Offering.Create("a-prevention", Samples.Content(Category.Prevention, topics: [Topic.Stress]), OfferingsApp.Start);
        var professional = Offering.Create("b-professional", Samples.Content(Category.ProfessionalHelp, topics: [Topic.Stress]), OfferingsApp.Start);

        Assert.Equal(["b-professional", "a-prevention"], Slugs(Recommend([prevention, professional], Severity.Severe, [Topic.Stress])));
        Assert.Equal(["a-prevention", "b-professional"], Slugs(Recommend([prevention, professional], Severity.None, [Topic.Stress])));
    }

    [Fact]
    public void With_topics_an_offering_that_covers_none_is_not_recommended_however_well_it_fits()
    {
        var professional = Offering.Create("professional", Samples.Content(Category.ProfessionalHelp, topics: [Topic.Stress]), OfferingsApp.Start);

        Assert.Empty(Recommend([professional], Severity.Severe, [Topic.TeamReflection]).Recommendations);
    }

    [Fact]
    public void Without_topics_the_severity_decides_what_qualifies()
    {
        var result = Recommend(Catalogue(), Severity.None, max: RecommendationRequest.LimitMaxResults);

        Assert.NotEmpty(result.Recommendations);
        Assert.DoesNotContain(result.Recommendations, r => r.Offering.Content.Category is Category.ProfessionalHelp or Category.PeerSupport);
        Assert.All(result.Recommendations.Take(3), r =>
            Assert.Contains(r.Offering.Content.Category, new[] { Category.Prevention, Category.SelfHelp }));
    }

    [Fact]
    public void Ties_are_ordered_by_slug_so_the_answer_is_stable()
    {
        var catalogue = new[] { "c-offering", "a-offering", "b-offering" }
            .Select(slug => Offering.Create(slug, Samples.Content(), OfferingsApp.Start))
            .ToList();

        Assert.Equal(["a-offering", "b-offering", "c-offering"], Slugs(Recommend(catalogue, Severity.Mild, [Topic.Stress])));
    }

    [Fact]
    public void Only_offerings_for_the_audience_are_recommended()
    {
        var result = Recommend(Catalogue(), Severity.Urgent, audience: Audience.PartnerFamily, max: RecommendationRequest.LimitMaxResults);

        Assert.Equal("loket-24-7", Slugs(result)[0]);
        Assert.DoesNotContain("team-collegiale-ondersteuning", Slugs(result));
        Assert.All(result.Recommendations, r => Assert.Contains(Audience.PartnerFamily, r.Offering.Content.Audiences));
    }

    [Fact]
    public void An_unspecified_audience_means_employee()
    {
        var unspecified = Recommend(Catalogue(), Severity.Mild, [Topic.Stress], Audience.Unspecified, 20);
        var employee = Recommend(Catalogue(), Severity.Mild, [Topic.Stress], Audience.Employee, 20);

        Assert.Equal(Slugs(employee), Slugs(unspecified));
        Assert.DoesNotContain("thuisgroep-blauw", Slugs(unspecified));
    }

    [Fact]
    public void Max_results_limits_the_answer_and_defaults_to_five()
    {
        var all = Slugs(Recommend(Catalogue(), Severity.Mild, [Topic.Stress], max: RecommendationRequest.LimitMaxResults));
        Assert.True(all.Count > RecommendationRequest.DefaultMaxResults);

        Assert.Equal(all.Take(RecommendationRequest.DefaultMaxResults), Slugs(Recommend(Catalogue(), Severity.Mild, [Topic.Stress])));
        Assert.Equal(all.Take(2), Slugs(Recommend(Catalogue(), Severity.Mild, [Topic.Stress], max: 2)));
        Assert.Equal(all.Take(1), Slugs(Recommend(Catalogue(), Severity.Mild, [Topic.Stress], max: 1)));
    }

    [Fact]
    public void Retired_offerings_are_never_recommended()
    {
        var catalogue = Catalogue();
        foreach (var offering in catalogue.Where(o => o.Slug is "loket-24-7" or "psychosociale-hulp"))
        {
            offering.Retire("", OfferingsApp.Start);
        }

        foreach (var severity in new[] { Severity.None, Severity.Mild, Severity.Moderate, Severity.Severe, Severity.Urgent })
        {
            var slugs = Slugs(Recommend(catalogue, severity, [Topic.Stress, Topic.HeavyIncident], max: 20));
            Assert.DoesNotContain("loket-24-7", slugs);
            Assert.DoesNotContain("psychosociale-hulp", slugs);
        }

        Assert.Equal("team-collegiale-ondersteuning", Slugs(Recommend(catalogue, Severity.Urgent))[0]);
    }

    [Fact]
    public void Every_recommendation_says_why_in_dutch_and_english()
    {
        var catalogue = Catalogue();
        var topicSets = Enum.GetValues<Topic>().Where(t => t != Topic.Unspecified).Select(t => new[] { t })
            .Append([])
            .Append([Topic.Stress, Topic.Ptsd, Topic.HomeSituation]);
        var count = 0;

        var requests =
            from severity in Enum.GetValues<Severity>().Where(s => s != Severity.Unspecified)
            from audience in Enum.GetValues<Audience>()
            from topics in topicSets
            select new RecommendationRequest(topics, severity, audience, RecommendationRequest.LimitMaxResults);

        foreach (var request in requests)
        {
            foreach (var recommendation in OfferingRecommender.Recommend(catalogue, request).Recommendations)
            {
                count++;
                Assert.False(string.IsNullOrWhiteSpace(recommendation.Reason.Nl), $"{recommendation.Offering.Slug}: no Dutch reason");
                Assert.False(string.IsNullOrWhiteSpace(recommendation.Reason.En), $"{recommendation.Offering.Slug}: no English reason");
                Assert.All(recommendation.MatchedTopics, t => Assert.Contains(t, request.Topics));
            }
        }

        Assert.True(count > 100);
    }

    [Fact]
    public void A_reason_names_the_matched_topics()
    {
        var result = Recommend(Catalogue(), Severity.Moderate, [Topic.Burnout, Topic.ReturnToWork]);

        var first = result.Recommendations[0];
        Assert.Equal("psychosociale-hulp", first.Offering.Slug);
        Assert.Contains("burn-out en terugkeer naar werk", first.Reason.Nl, StringComparison.Ordinal);
        Assert.Contains("burn-out and returning to work", first.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_request_field_is_reported_at_once()
    {
        var request = new RecommendationRequest([Topic.Stress, Topic.Unspecified], Severity.Unspecified, (Audience)42, 21);

        var exception = Assert.Throws<ValidationFailedException>(() => OfferingRecommender.Recommend(Catalogue(), request));

        Assert.Equal(["severity", "topics", "audience", "max_results"], exception.Violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Max_results_outside_0_to_20_is_rejected(int max)
    {
        var exception = Assert.Throws<ValidationFailedException>(() => Recommend(Catalogue(), Severity.Mild, max: max));
        Assert.Equal("max_results", Assert.Single(exception.Violations).Field);
    }

    [Fact]
    public void Undefined_severity_and_topic_numbers_are_rejected()
    {
        var exception = Assert.Throws<ValidationFailedException>(() => Recommend(Catalogue(), (Severity)9, [(Topic)99]));
        Assert.Equal(["severity", "topics"], exception.Violations.Select(v => v.Field));
    }
}
