using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;

namespace Weerbaarheid.Offerings.Tests.Persistence;

/// <summary>
/// The catalogue's behaviour that depends on the database, on SQLite and on PostgreSQL with each provider's
/// own migrations. Every row starts a service on a database created for it alone.
/// PostgreSQL rows need WEERBAARHEID_TEST_POSTGRES (tests/postgres-setup.sh); WEERBAARHEID_SKIP_POSTGRES=1 leaves them out.
/// </summary>
public sealed class CatalogueStorageTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    private static UpdateOfferingRequest Update(Offering offering, params string[] paths) =>
        new() { Offering = offering, UpdateMask = new FieldMask { Paths = { paths } } };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Created_offerings_are_stored_filtered_and_found_by_free_text(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var app = host.App;
        var input = Samples.Proto(Category.PartnersAndFamily, Topic.HomeSituation);
        input.Title = Samples.Text("Inloopcafé voor partners", "Drop-in café for partners");
        input.Audiences.Clear();
        input.Audiences.Add([Audience.PartnerFamily, Audience.FormerEmployee]);

        var created = (await app.Admin.CreateOfferingAsync(new CreateOfferingRequest { OfferingId = "inloopcafe-partners", Offering = input })).Offering;

        Assert.Equal(created, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/inloopcafe-partners" })).Offering);
        Assert.Equal(17, (await app.Anonymous.ListOfferingsAsync(new ListOfferingsRequest())).Offerings.Count);
        await app.PublishedAsync(created.Name, OfferingChangeKind.Created, 1);

        async Task<List<string>> Names(ListOfferingsRequest request) =>
            (await app.Anonymous.ListOfferingsAsync(request)).Offerings.Select(o => o.Name).ToList();

        Assert.Equal(
            ["offerings/de-basis", "offerings/inloopcafe-partners", "offerings/loket-24-7", "offerings/thuisgroep-blauw"],
            await Names(new ListOfferingsRequest { Audience = Audience.PartnerFamily }));
        Assert.Equal(
            ["offerings/inloopcafe-partners", "offerings/thuisgroep-blauw"],
            await Names(new ListOfferingsRequest { Category = Category.PartnersAndFamily }));
        Assert.Equal(
            ["offerings/de-basis", "offerings/inloopcafe-partners", "offerings/loket-24-7", "offerings/thuisgroep-blauw"],
            await Names(new ListOfferingsRequest { Topic = Topic.HomeSituation }));
        Assert.Equal(
            ["offerings/inloopcafe-partners"],
            await Names(new ListOfferingsRequest { Topic = Topic.HomeSituation, Audience = Audience.FormerEmployee, Category = Category.PartnersAndFamily }));
        // Tags are matched whole: topic 1 (stress) must not match the 10 (home situation) or 11 of another offering.
        Assert.DoesNotContain("offerings/inloopcafe-partners", await Names(new ListOfferingsRequest { Topic = Topic.Stress }));

        Assert.Equal(["offerings/inloopcafe-partners"], await Names(new ListOfferingsRequest { Query = "INLOOPCAFE" }));
        Assert.Equal(["offerings/inloopcafe-partners"], await Names(new ListOfferingsRequest { Query = "drop-in café" }));
        Assert.Equal(["offerings/collegas-in-de-knel"], await Names(new ListOfferingsRequest { Query = "collegas knel" }));
        Assert.Contains("offerings/collegas-in-de-knel", await Names(new ListOfferingsRequest { Query = "collegas" }));
        Assert.Empty(await Names(new ListOfferingsRequest { Query = "%" }));
        Assert.Empty(await Names(new ListOfferingsRequest { Query = "_" }));

        await Rpc.FailsAsync(StatusCode.AlreadyExists, () =>
            app.Admin.CreateOfferingAsync(new CreateOfferingRequest { OfferingId = "inloopcafe-partners", Offering = input }));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Paging_returns_every_offering_once_in_name_order(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var client = host.App.Anonymous;

        var names = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = token });
            names.AddRange(page.Offerings.Select(o => o.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token != "" && pages < 10);

        Assert.Equal(4, pages);
        Assert.Equal(16, names.Distinct().Count());
        Assert.Equal(names.Order(StringComparer.Ordinal), names);

        var first = await client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5 });
        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            client.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 5, PageToken = first.NextPageToken, Audience = Audience.Manager })));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Updates_need_the_current_etag(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var app = host.App;
        var read = (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/mental-check-up" })).Offering;
        app.Clock.Advance(Duration.FromHours(1));

        var change = read.Clone();
        change.Title.Nl = "Mentale check-up";
        var updated = (await app.Admin.UpdateOfferingAsync(Update(change, "title.nl"))).Offering;

        Assert.Equal("2", updated.Etag);
        Assert.Equal("Mentale check-up", updated.Title.Nl);
        Assert.Equal(read.Title.En, updated.Title.En);
        Assert.Equal(app.Clock.GetCurrentInstant().ToDateTimeOffset(), updated.UpdateTime.ToDateTimeOffset());
        Assert.Equal(read.CreateTime, updated.CreateTime);
        Assert.Equal(updated, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = read.Name })).Offering);
        Assert.Equal("Mentale check-up", (await app.PublishedAsync(read.Name, OfferingChangeKind.Updated, 2)).Offering.TitleNl);

        var stale = read.Clone();
        stale.Provider = "Verouderd";
        await Rpc.FailsAsync(StatusCode.Aborted, () => app.Admin.UpdateOfferingAsync(Update(stale, "provider")));
        Assert.Equal(read.Provider, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = read.Name })).Offering.Provider);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_concurrent_updates_with_the_same_etag_exactly_one_wins(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var app = host.App;
        var read = (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/fit-at-np" })).Offering;

        var attempts = Enumerable.Range(1, 6).Select(async i =>
        {
            var change = read.Clone();
            change.Provider = $"Beheerder {i}";
            try
            {
                return (await app.Admin.UpdateOfferingAsync(Update(change, "provider"))).Offering.Provider;
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Aborted)
            {
                return null;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes, o => o is not null);
        var stored = (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = read.Name })).Offering;
        Assert.Equal(winner, stored.Provider);
        Assert.Equal("2", stored.Etag);
        await app.PublishedAsync(read.Name, OfferingChangeKind.Updated, 2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_retired_offering_leaves_listings_and_recommendations(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var app = host.App;

        var retired = (await app.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "offerings/loket-24-7", Etag = "1" })).Offering;

        Assert.Equal(State.Retired, retired.State);
        var listed = await app.Anonymous.ListOfferingsAsync(new ListOfferingsRequest());
        Assert.Equal(15, listed.Offerings.Count);
        Assert.DoesNotContain(listed.Offerings, o => o.Name == "offerings/loket-24-7");
        var all = await app.Anonymous.ListOfferingsAsync(new ListOfferingsRequest { ShowRetired = true, Category = Category.ProfessionalHelp });
        Assert.Equal(["offerings/loket-24-7", "offerings/psychosociale-hulp"], all.Offerings.Select(o => o.Name));

        var urgent = await app.Anonymous.RecommendOfferingsAsync(new RecommendOfferingsRequest { Severity = Severity.Urgent, MaxResults = 20 });
        Assert.Equal("offerings/team-collegiale-ondersteuning", urgent.Recommendations[0].Offering.Name);
        Assert.DoesNotContain(urgent.Recommendations, r => r.Offering.Name == "offerings/loket-24-7");

        Assert.Equal(State.Retired, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/loket-24-7" })).Offering.State);
        Assert.Equal("STATE_RETIRED", (await app.PublishedAsync("offerings/loket-24-7", OfferingChangeKind.Retired, 2)).Offering.State);
    }
}
