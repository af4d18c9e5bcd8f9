using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.Offerings.Tests.Grpc;

/// <summary>RecommendOfferings over the seeded catalogue, anonymous as the self-test calls it.</summary>
[Collection(SeededCatalogue.Name)]
public sealed class RecommendOfferingsTests(OfferingsHost host)
{
    private OfferingsClient Client => host.App.Anonymous;

    [Fact]
    public async Task Urgent_answers_with_the_24_7_routes_first_and_the_emergency_numbers()
    {
        var response = await Client.RecommendOfferingsAsync(new RecommendOfferingsRequest
        {
            Severity = Severity.Urgent,
            Topics = { Topic.UnsafeWorkplace },
        });

        Assert.Equal(
            ["offerings/loket-24-7", "offerings/team-collegiale-ondersteuning", "offerings/collegas-in-de-knel"],
            response.Recommendations.Take(3).Select(r => r.Offering.Name));
        Assert.All(response.Recommendations.Take(2), r => Assert.True(r.Offering.Availability.AroundTheClock));
        Assert.Equal([Topic.UnsafeWorkplace], response.Recommendations[2].MatchedTopics);

        Assert.NotNull(response.UrgentHelp);
        Assert.Contains("112", response.UrgentHelp.Message.Nl, StringComparison.Ordinal);
        Assert.Contains("113", response.UrgentHelp.Message.En, StringComparison.Ordinal);
        var phones = response.UrgentHelp.Contacts.Where(c => c.Kind == ContactChannelKind.Phone).Select(c => c.Value);
        Assert.Equal(["112", "113", "0800-0113"], phones);
        Assert.All(response.UrgentHelp.Contacts, c => Assert.False(string.IsNullOrEmpty(c.Label.Nl) || string.IsNullOrEmpty(c.Label.En)));
    }

    [Fact]
    public async Task A_non_urgent_answer_has_no_urgent_help_and_gives_reasons()
    {
        var response = await Client.RecommendOfferingsAsync(new RecommendOfferingsRequest
        {
            Severity = Severity.Moderate,
            Topics = { Topic.Burnout, Topic.ReturnToWork },
            Audience = Audience.Employee,
            MaxResults = 3,
        });

        Assert.Null(response.UrgentHelp);
        Assert.Equal(3, response.Recommendations.Count);
        Assert.Equal("offerings/psychosociale-hulp", response.Recommendations[0].Offering.Name);
        Assert.Equal([Topic.Burnout, Topic.ReturnToWork], response.Recommendations[0].MatchedTopics);
        Assert.All(response.Recommendations, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Reason.Nl));
            Assert.False(string.IsNullOrWhiteSpace(r.Reason.En));
        });
    }

    [Fact]
    public async Task Recommendations_are_for_the_audience_asked_for()
    {
        var response = await Client.RecommendOfferingsAsync(new RecommendOfferingsRequest
        {
            Severity = Severity.Mild,
            Audience = Audience.PartnerFamily,
            MaxResults = 20,
        });

        Assert.NotEmpty(response.Recommendations);
        Assert.All(response.Recommendations, r => Assert.Contains(Audience.PartnerFamily, r.Offering.Audiences));
    }

    [Fact]
    public async Task Missing_severity_is_invalid()
    {
        Assert.Equal(["severity"], await Rpc.InvalidFieldsAsync(() =>
            Client.RecommendOfferingsAsync(new RecommendOfferingsRequest { Topics = { Topic.Stress } })));
    }

    [Fact]
    public async Task Every_invalid_recommendation_field_is_reported_at_once()
    {
        Assert.Equal(["severity", "topics", "audience", "max_results"], await Rpc.InvalidFieldsAsync(() =>
            Client.RecommendOfferingsAsync(new RecommendOfferingsRequest
            {
                Topics = { Topic.Unspecified },
                Audience = (Audience)50,
                MaxResults = 21,
            })));
    }
}
