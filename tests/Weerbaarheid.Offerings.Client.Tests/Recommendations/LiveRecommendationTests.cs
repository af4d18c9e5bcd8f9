extern alias Server;

using Weerbaarheid.Offerings.Client.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using static Weerbaarheid.Offerings.Client.Tests.Infrastructure.Samples;
using ProgrammeOfferings = Server::Weerbaarheid.Offerings.Domain.ProgrammeOfferings;

namespace Weerbaarheid.Offerings.Client.Tests.Recommendations;

/// <summary>Against the real Offerings service with its seeded catalogue: live answers, the cache, and priming the copy.</summary>
public sealed class LiveRecommendationTests(OfferingsServer offerings) : IClassFixture<OfferingsServer>
{
    private Task<ClientHost> StartServiceAsync() => ClientHost.StartAsync(
        new Dictionary<string, string?> { ["Offerings:Address"] = offerings.Address.ToString() },
        offerings.CreateHandler);

    [Fact]
    public async Task Offerings_answers_live_and_the_same_question_is_then_answered_from_the_cache()
    {
        await using var service = await StartServiceAsync();

        var live = await service.RecommendAsync(Severity.Urgent, [Topic.HeavyIncident, Topic.Stress]);
        var cached = await service.RecommendAsync(Severity.Urgent, [Topic.Stress, Topic.HeavyIncident, Topic.Stress], Audience.Employee, 5);

        Assert.Equal(RecommendationSource.Live, live.Source);
        Assert.Equal(RecommendationSource.Cached, cached.Source);
        Assert.Equal(live.Offerings, cached.Offerings);
        // Offerings' own ranking: in an acute situation the 24/7 peer support and professional help come first.
        var first = live.Offerings[0];
        Assert.True(first.AroundTheClock);
        Assert.Contains(first.Category, new[] { "CATEGORY_PEER_SUPPORT", "CATEGORY_PROFESSIONAL_HELP" });
        Assert.StartsWith("offerings/", first.Name);
        Assert.False(string.IsNullOrEmpty(first.TitleNl) || string.IsNullOrEmpty(first.TitleEn) || string.IsNullOrEmpty(first.ReasonNl));
        Assert.Contains(live.Offerings, o => o is { Name: "offerings/team-collegiale-ondersteuning", AccessMethod: "ACCESS_METHOD_ON_CALL_ROTA" }
            && o.MatchedTopics.Contains(Topic.HeavyIncident));
    }

    [Fact]
    public async Task Another_question_is_asked_live()
    {
        await using var service = await StartServiceAsync();
        await service.RecommendAsync(Severity.Mild, [Topic.Stress]);

        Assert.Equal(RecommendationSource.Live, (await service.RecommendAsync(Severity.Moderate, [Topic.Stress])).Source);
        Assert.Equal(RecommendationSource.Live, (await service.RecommendAsync(Severity.Mild, [Topic.Stress], Audience.PartnerFamily)).Source);
        Assert.Equal(RecommendationSource.Live, (await service.RecommendAsync(Severity.Mild, [Topic.Stress], maxResults: 2)).Source);
        Assert.Equal(RecommendationSource.Cached, (await service.RecommendAsync(Severity.Mild, [Topic.Stress], maxResults: 2)).Source);
    }

    [Fact]
    public async Task A_change_to_the_catalogue_ends_the_cached_answers()
    {
        await using var service = await StartServiceAsync();
        await service.RecommendAsync(Severity.Mild, [Topic.Burnout]);
        Assert.Equal(RecommendationSource.Cached, (await service.RecommendAsync(Severity.Mild, [Topic.Burnout])).Source);

        await service.DeliverAsync(Created("nieuw-aanbod"));

        Assert.Equal(RecommendationSource.Live, (await service.RecommendAsync(Severity.Mild, [Topic.Burnout])).Source);
    }

    [Fact]
    public async Task Invalid_arguments_are_refused_before_anyone_is_asked()
    {
        await using var service = await StartServiceAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.RecommendAsync(Severity.Unspecified, [Topic.Stress]));
        await Assert.ThrowsAsync<ArgumentException>(() => service.RecommendAsync(Severity.Mild, [Topic.Unspecified]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.RecommendAsync(Severity.Mild, maxResults: 21));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.RecommendAsync(Severity.Mild, audience: (Audience)99));
    }

    [Fact]
    public async Task The_primer_copies_the_whole_catalogue_into_an_empty_copy()
    {
        await using var service = await StartServiceAsync();

        await service.PrimeAsync();

        var copy = await service.CopyAsync();
        Assert.Equal(ProgrammeOfferings.All.Select(o => $"offerings/{o.Slug}").Order(StringComparer.Ordinal), copy.Select(o => o.Name));
        Assert.All(copy, o => Assert.Equal((1L, CachedOffering.Active), (o.Version, o.State)));
        var tco = Assert.Single(copy, o => o.Name == "offerings/team-collegiale-ondersteuning");
        Assert.Equal(("CATEGORY_PEER_SUPPORT", "ACCESS_METHOD_ON_CALL_ROTA", true), (tco.Category, tco.AccessMethod, tco.AroundTheClock));
        Assert.Contains("TOPIC_HEAVY_INCIDENT", tco.Topics);
        Assert.Contains("AUDIENCE_EMPLOYEE", tco.Audiences);
        Assert.Equal("Team Collegiale Ondersteuning (TCO)", tco.TitleNl);
    }
}
