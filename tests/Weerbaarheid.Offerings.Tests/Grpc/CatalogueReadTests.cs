using Grpc.Core;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.Testing;
using Model = Weerbaarheid.Offerings.Domain;

namespace Weerbaarheid.Offerings.Tests.Grpc;

/// <summary>Reads of the seeded catalogue, anonymous as partners and family use them. Nothing here writes.</summary>
[Collection(SeededCatalogue.Name)]
public sealed class CatalogueReadTests(OfferingsHost host)
{
    private static readonly List<string> SeededNames = Model.ProgrammeOfferings.All
        .Select(seed => Model.Offering.CollectionPrefix + seed.Slug)
        .Order(StringComparer.Ordinal)
        .ToList();

    private OfferingsClient Client => host.App.Anonymous;

    private async Task<List<string>> NamesAsync(ListOfferingsRequest request) =>
        (await Client.ListOfferingsAsync(request)).Offerings.Select(o => o.Name).ToList();

    [Fact]
    public async Task Get_returns_a_seeded_offering_with_its_content()
    {
        var offering = (await Client.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/team-collegiale-ondersteuning" })).Offering;

        Assert.Equal("offerings/team-collegiale-ondersteuning", offering.Name);
        Assert.Equal("Team Collegiale Ondersteuning (TCO)", offering.Title.Nl);
        Assert.Equal(Category.PeerSupport, offering.Category);
        Assert.Equal([Audience.Employee, Audience.Manager, Audience.Team], offering.Audiences);
        Assert.Equal([Topic.Stress, Topic.Ptsd, Topic.HeavyIncident], offering.Topics);
        Assert.True(offering.Availability.AroundTheClock);
        Assert.Equal(AccessMethod.OnCallRota, offering.Access.Method);
        Assert.Equal(State.Active, offering.State);
        Assert.Equal("1", offering.Etag);
        Assert.Equal(OfferingsApp.Start.ToDateTimeOffset(), offering.CreateTime.ToDateTimeOffset());
        Assert.Equal(OfferingsApp.Start.ToDateTimeOffset(), offering.UpdateTime.ToDateTimeOffset());
    }

    [Fact]
    public async Task Get_of_an_unknown_offering_is_not_found()
    {
        var exception = await Rpc.FailsAsync(StatusCode.NotFound,
            () => Client.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/bestaat-niet" }));
        Assert.Contains("offerings/bestaat-niet", exception.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("team-collegiale-ondersteuning")]
    [InlineData("offering/team-collegiale-ondersteuning")]
    [InlineData("offerings/Team Collegiale Ondersteuning")]
    [InlineData("offerings/")]
    public async Task Get_with_a_malformed_name_is_invalid_on_name(string name)
    {
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => Client.GetOfferingAsync(new GetOfferingRequest { Name = name })));
    }

    [Fact]
    public async Task List_returns_the_16_seeded_offerings_ordered_by_name()
    {
        var response = await Client.ListOfferingsAsync(new ListOfferingsRequest());

        Assert.Equal(SeededNames, response.Offerings.Select(o => o.Name));
        Assert.Equal("", response.NextPageToken);
        Assert.All(response.Offerings, o => Assert.Equal(State.Active, o.State));
    }

    [Fact]
    public async Task List_filters_by_audience()
    {
        Assert.Equal(
            ["offerings/de-basis", "offerings/loket-24-7", "offerings/thuisgroep-blauw"],
            await NamesAsync(new ListOfferingsRequest { Audience = Audience.PartnerFamily }));
    }

    [Fact]
    public async Task List_filters_by_topic()
    {
        Assert.Equal(["offerings/blauw-vakmanschap"], await NamesAsync(new ListOfferingsRequest { Topic = Topic.TeamReflection }));
        Assert.Equal(
            ["offerings/collegas-in-de-knel", "offerings/veilig-en-gezond-werken"],
            await NamesAsync(new ListOfferingsRequest { Topic = Topic.UnsafeWorkplace }));
    }

    [Fact]
    public async Task List_filters_by_category()
    {
        Assert.Equal(
            ["offerings/loket-24-7", "offerings/psychosociale-hulp"],
            await NamesAsync(new ListOfferingsRequest { Category = Category.ProfessionalHelp }));
    }

    [Fact]
    public async Task Filters_combine_with_and()
    {
        var expected = Model.ProgrammeOfferings.All
            .Where(seed => seed.Content.Audiences.Contains(Model.Audience.Manager)
                           && seed.Content.Topics.Contains(Model.Topic.Stress))
            .Select(seed => Model.Offering.CollectionPrefix + seed.Slug)
            .Order(StringComparer.Ordinal)
            .ToList();

        var names = await NamesAsync(new ListOfferingsRequest { Audience = Audience.Manager, Topic = Topic.Stress });

        Assert.True(expected.Count >= 3);
        Assert.Equal(expected, names);
        Assert.Equal(
            ["offerings/psychosociale-hulp"],
            await NamesAsync(new ListOfferingsRequest { Audience = Audience.Manager, Topic = Topic.ReturnToWork, Category = Category.ProfessionalHelp }));
    }

    [Theory]
    [InlineData("collegas knel")]
    [InlineData("Collega’s in de knel")]
    [InlineData("COLLEGA'S KNEL")]
    [InlineData("knél")]
    public async Task Free_text_search_ignores_case_accents_and_apostrophes(string query)
    {
        Assert.Equal(["offerings/collegas-in-de-knel"], await NamesAsync(new ListOfferingsRequest { Query = query }));
    }

    [Fact]
    public async Task Free_text_search_covers_both_languages_and_the_provider()
    {
        Assert.Contains("offerings/collegas-in-de-knel", await NamesAsync(new ListOfferingsRequest { Query = "collegas" }));
        Assert.Equal(["offerings/landelijk-buddynetwerk"], await NamesAsync(new ListOfferingsRequest { Query = "buddy network" }));
        Assert.Equal(["offerings/de-basis"], await NamesAsync(new ListOfferingsRequest { Query = "Stichting De Basis" }));
        Assert.Empty(await NamesAsync(new ListOfferingsRequest { Query = "paardrijden" }));
    }

    [Fact]
    public async Task Paging_through_the_catalogue_returns_every_offering_once()
    {
        var names = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = token });
            Assert.True(page.Offerings.Count <= 5);
            names.AddRange(page.Offerings.Select(o => o.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token != "" && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(SeededNames, names);
    }

    [Fact]
    public async Task Paging_keeps_the_filters()
    {
        var first = await Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 2, Topic = Topic.Ptsd });
        var second = await Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 2, Topic = Topic.Ptsd, PageToken = first.NextPageToken });

        var all = await NamesAsync(new ListOfferingsRequest { Topic = Topic.Ptsd });
        Assert.Equal(all.Take(4), first.Offerings.Concat(second.Offerings).Select(o => o.Name));
    }

    [Fact]
    public async Task A_page_token_reused_with_other_filters_is_invalid()
    {
        var first = await Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5 });
        Assert.NotEqual("", first.NextPageToken);

        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = first.NextPageToken, Topic = Topic.Stress })));
        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = first.NextPageToken, Query = "stress" })));
        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = first.NextPageToken, ShowRetired = true })));
    }

    [Fact]
    public async Task A_page_token_that_is_not_one_is_invalid()
    {
        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            Client.ListOfferingsAsync(new ListOfferingsRequest { PageToken = "not a token!" })));
    }

    [Fact]
    public async Task A_negative_page_size_is_invalid()
    {
        Assert.Equal(["page_size"], await Rpc.InvalidFieldsAsync(() => Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = -1 })));
    }

    [Fact]
    public async Task Every_invalid_list_field_is_reported_at_once()
    {
        var fields = await Rpc.InvalidFieldsAsync(() => Client.ListOfferingsAsync(new ListOfferingsRequest
        {
            PageSize = -5,
            Audience = (Audience)77,
            Topic = (Topic)77,
            Category = (Category)77,
            Query = new string('q', 201),
            PageToken = "bogus",
        }));

        Assert.Equal(["page_size", "audience", "topic", "category", "query", "page_token"], fields);
    }

    [Fact]
    public async Task A_page_size_above_the_maximum_is_capped()
    {
        var response = await Client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 1000 });
        Assert.Equal(16, response.Offerings.Count);
    }
}
