using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Tests.Domain;

public sealed class ProgrammeOfferingsTests
{
    [Fact]
    public void The_programme_has_16_offerings_with_distinct_valid_slugs()
    {
        var slugs = ProgrammeOfferings.All.Select(seed => seed.Slug).ToList();

        Assert.Equal(16, slugs.Count);
        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());
        Assert.All(slugs, slug => Assert.True(OfferingRules.IsValidSlug(slug), $"\"{slug}\" is not a valid slug"));
    }

    public static TheoryData<string> Slugs => new(ProgrammeOfferings.All.Select(seed => seed.Slug));

    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_programme_offering_passes_the_rules(string slug)
    {
        var content = ProgrammeOfferings.All.Single(seed => seed.Slug == slug).Content;

        var validation = new Validation();
        OfferingRules.Check(validation, "offering", content.Normalized());

        Assert.Empty(validation.Violations.Select(v => $"{v.Field}: {v.Description}"));
    }

    [Fact]
    public void The_around_the_clock_routes_of_the_programme_are_the_peer_support_team_and_the_24_7_desk()
    {
        var routes = ProgrammeOfferings.All
            .Select(seed => Offering.Create(seed.Slug, seed.Content, OfferingsApp.Start))
            .Where(OfferingRecommender.IsAroundTheClockRoute)
            .Select(o => o.Slug);

        Assert.Equal(["loket-24-7", "team-collegiale-ondersteuning"], routes.Order(StringComparer.Ordinal));
    }
}
