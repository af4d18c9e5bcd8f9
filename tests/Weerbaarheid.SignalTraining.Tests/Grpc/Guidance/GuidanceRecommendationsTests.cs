using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SignalTraining.Domain.Guidance;
using Weerbaarheid.SignalTraining.Grpc;
using OfferingsV1 = Weerbaarheid.Offerings.V1;
using Proto = Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Guidance;

/// <summary>
/// What the guidance asks Offerings for (its topics at its severity), and how each source of the answer reaches the
/// manager: a live answer as it is, a cached or local-copy answer with a note in both languages.
/// </summary>
public sealed class GuidanceRecommendationsTests
{
    private static readonly RecommendedOffering Offering = new(
        "offerings/loket-24-7", "Loket 24/7", "24/7 desk", "Dag en nacht.", "Day and night.", "CATEGORY_PROFESSIONAL_HELP",
        "ACCESS_METHOD_SELF_SERVICE", null, true, "Helpt bij stress.", "Helps with stress.", [OfferingsV1.Topic.Stress]);

    [Fact]
    public void A_live_answer_is_passed_on_without_a_note()
    {
        var answer = GuidanceRecommendations.From(new RecommendationAnswer([Offering], RecommendationSource.Live));

        Assert.Equal(Proto.RecommendationSource.Live, answer.Source);
        Assert.Null(answer.Note);
        var offering = Assert.Single(answer.Offerings);
        Assert.Equal(("offerings/loket-24-7", "Loket 24/7", "Day and night.", "Helps with stress.", true, ""),
            (offering.Offering, offering.Title.Nl, offering.Summary.En, offering.Reason.En, offering.AroundTheClock, offering.AccessUrl));
    }

    [Fact]
    public void A_cached_answer_says_it_is_from_a_short_while_ago()
    {
        var answer = GuidanceRecommendations.From(new RecommendationAnswer([Offering], RecommendationSource.Cached));

        Assert.Equal(Proto.RecommendationSource.Cached, answer.Source);
        Assert.False(string.IsNullOrWhiteSpace(answer.Note?.Nl));
        Assert.False(string.IsNullOrWhiteSpace(answer.Note?.En));
        Assert.Single(answer.Offerings);
    }

    [Fact]
    public void An_answer_from_the_local_copy_says_the_catalogue_could_not_be_reached()
    {
        var answer = GuidanceRecommendations.From(new RecommendationAnswer([], RecommendationSource.LocalCopy));

        Assert.Equal(Proto.RecommendationSource.LocalCopy, answer.Source);
        Assert.Contains("niet bereikbaar", answer.Note?.Nl, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", answer.Note?.En, StringComparison.Ordinal);
        Assert.Empty(answer.Offerings);
    }

    [Fact]
    public void The_guidance_asks_for_its_topics_as_offerings_topics()
    {
        var advice = Domain.Guidance.ShippedGuidance.For(Signal.HeavyIncident, Signal.Reliving);

        Assert.Equal(
            [OfferingsV1.Topic.HeavyIncident, OfferingsV1.Topic.Ptsd, OfferingsV1.Topic.TeamReflection],
            GuidanceRecommendations.TopicsOf(advice));
    }

    [Theory]
    [InlineData(Severity.None, OfferingsV1.Severity.None)]
    [InlineData(Severity.Mild, OfferingsV1.Severity.Mild)]
    [InlineData(Severity.Moderate, OfferingsV1.Severity.Moderate)]
    [InlineData(Severity.Severe, OfferingsV1.Severity.Severe)]
    [InlineData(Severity.Urgent, OfferingsV1.Severity.Urgent)]
    public void Each_severity_is_the_offerings_severity_of_the_same_name(Severity severity, OfferingsV1.Severity expected)
    {
        Assert.Equal(expected, GuidanceRecommendations.SeverityOf(severity));
    }
}
