using Weerbaarheid.Offerings.V1;
using static Weerbaarheid.Offerings.Client.Tests.Infrastructure.Samples;

namespace Weerbaarheid.Offerings.Client.Tests.Ranking;

/// <summary>How the local copy is ranked while Offerings is down: plain and predictable.</summary>
public sealed class LocalOfferingRankerTests
{
    private static readonly CachedOffering[] Copy =
    [
        Cached("buddy", Snapshot(title: "Buddy", topics: ["TOPIC_STRESS"])),
        Cached("check-up", Snapshot(title: "Check-up", category: "CATEGORY_PREVENTION", topics: ["TOPIC_STRESS", "TOPIC_BURNOUT"])),
        Cached("loket-24-7", Snapshot(title: "Loket", category: "CATEGORY_PROFESSIONAL_HELP", topics: ["TOPIC_PTSD"], aroundTheClock: true)),
        Cached("tco", Snapshot(title: "TCO", topics: ["TOPIC_HEAVY_INCIDENT", "TOPIC_STRESS"], aroundTheClock: true)),
        Cached("thuisgroep", Snapshot(title: "Thuisgroep", category: "CATEGORY_PARTNERS_AND_FAMILY",
            topics: ["TOPIC_HOME_SITUATION", "TOPIC_STRESS"], audiences: ["AUDIENCE_PARTNER_FAMILY"])),
        Cached("trainingsweek", Snapshot(title: "Trainingsweek", category: "CATEGORY_TRAINING", topics: ["TOPIC_RESILIENCE"], aroundTheClock: true)),
        Cached("oud-aanbod", Snapshot(title: "Oud", topics: ["TOPIC_STRESS", "TOPIC_BURNOUT"], state: CachedOffering.Retired)),
    ];

    private static string[] Names(IEnumerable<RecommendedOffering> offerings) => offerings.Select(o => o.Name["offerings/".Length..]).ToArray();

    [Fact]
    public void More_matched_topics_rank_higher_and_ties_go_by_name()
    {
        var ranked = LocalOfferingRanker.Rank(Copy, [Topic.Stress, Topic.Burnout], Severity.Mild, Audience.Employee, 0);

        Assert.Equal(["check-up", "buddy", "tco"], Names(ranked));
        Assert.Equal([Topic.Stress, Topic.Burnout], ranked[0].MatchedTopics);
        Assert.Equal("Helpt bij stress en burn-out.", ranked[0].ReasonNl);
        Assert.Equal("Helps with stress and burn-out.", ranked[0].ReasonEn);
    }

    [Theory]
    [InlineData(Severity.Urgent)]
    [InlineData(Severity.Severe)]
    public void In_an_acute_situation_the_around_the_clock_peer_support_and_professional_help_come_first(Severity severity)
    {
        var ranked = LocalOfferingRanker.Rank(Copy, [Topic.Stress, Topic.Burnout], severity, Audience.Employee, 0);

        // The 24/7 desk covers neither topic but is a route for right now; a 24/7 training is not.
        Assert.Equal(["tco", "loket-24-7", "check-up", "buddy"], Names(ranked));
        Assert.Equal("Direct bereikbaar, dag en nacht.", ranked[1].ReasonNl);
        Assert.Equal("Reachable right now, day and night.", ranked[1].ReasonEn);
        Assert.Equal("Direct bereikbaar, dag en nacht. Helpt bij stress.", ranked[0].ReasonNl);
        Assert.Equal("Reachable right now, day and night. Helps with stress.", ranked[0].ReasonEn);
    }

    [Fact]
    public void Below_severe_a_route_around_the_clock_needs_a_matching_topic_like_any_other()
    {
        var ranked = LocalOfferingRanker.Rank(Copy, [Topic.HeavyIncident], Severity.Moderate, Audience.Employee, 0);

        Assert.Equal(["tco"], Names(ranked));
    }

    [Fact]
    public void Without_topics_every_active_offering_for_the_audience_qualifies()
    {
        var ranked = LocalOfferingRanker.Rank(Copy, [], Severity.None, Audience.Employee, 0);

        Assert.Equal(["buddy", "check-up", "loket-24-7", "tco", "trainingsweek"], Names(ranked));
        Assert.All(ranked, o => Assert.Empty(o.MatchedTopics));
        Assert.All(ranked, o => Assert.Equal("Hoort bij het aanbod voor jou.", o.ReasonNl));
    }

    [Fact]
    public void Unspecified_audience_means_employee_and_other_audiences_get_their_own()
    {
        Assert.DoesNotContain("thuisgroep", Names(LocalOfferingRanker.Rank(Copy, [Topic.Stress], Severity.Mild, Audience.Unspecified, 0)));

        Assert.Equal(["thuisgroep"], Names(LocalOfferingRanker.Rank(Copy, [Topic.Stress], Severity.Mild, Audience.PartnerFamily, 0)));
    }

    [Fact]
    public void Retired_offerings_are_never_recommended()
    {
        Assert.DoesNotContain("oud-aanbod", Names(LocalOfferingRanker.Rank(Copy, [Topic.Stress, Topic.Burnout], Severity.Mild, Audience.Employee, 20)));
    }

    [Fact]
    public void At_most_max_results_and_zero_means_five()
    {
        Assert.Equal(5, LocalOfferingRanker.Rank(Copy, [], Severity.None, Audience.Employee, 0).Count);
        Assert.Equal(["buddy", "check-up"], Names(LocalOfferingRanker.Rank(Copy, [], Severity.None, Audience.Employee, 2)));
    }

    [Fact]
    public void A_recommendation_carries_what_the_copy_knows_of_the_offering()
    {
        var tco = Assert.Single(LocalOfferingRanker.Rank(Copy, [Topic.HeavyIncident], Severity.Mild, Audience.Employee, 0));

        Assert.Equal(
            new RecommendedOffering("offerings/tco", "TCO", "TCO (en)", "Gesprekken met collega's na een zware dienst.",
                "Talks with colleagues after a hard shift.", "CATEGORY_PEER_SUPPORT", "ACCESS_METHOD_SIGN_UP",
                "https://intranet.politie.nl/weerbaar-in-de-wijk", true, "Helpt bij een heftig incident.", "Helps with a heavy incident.",
                tco.MatchedTopics),
            tco);
        Assert.Equal([Topic.HeavyIncident], tco.MatchedTopics);
    }
}
