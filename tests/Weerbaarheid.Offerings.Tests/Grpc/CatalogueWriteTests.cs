using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.Testing;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;

namespace Weerbaarheid.Offerings.Tests.Grpc;

/// <summary>
/// Changes to the catalogue by a programme administrator, and the OfferingChanged events the outbox
/// publishes for them. Each test works on offerings it creates itself, so the seeded ones stay as they are.
/// </summary>
[Collection(EditedCatalogue.Name)]
public sealed class CatalogueWriteTests(OfferingsHost host)
{
    private OfferingsApp App => host.App;

    private async Task<Offering> CreateAsync(string slug, Offering? offering = null) =>
        (await App.Admin.CreateOfferingAsync(new CreateOfferingRequest { OfferingId = slug, Offering = offering ?? Samples.Proto() })).Offering;

    private static UpdateOfferingRequest Update(Offering offering, params string[] paths)
    {
        var request = new UpdateOfferingRequest { Offering = offering, UpdateMask = new FieldMask() };
        request.UpdateMask.Paths.AddRange(paths);
        return request;
    }

    [Fact]
    public async Task Create_stores_an_active_offering_and_publishes_offering_changed()
    {
        var slug = Samples.Slug("weerbaar-in-de-wijk");
        var input = Samples.Proto();
        input.Name = "offerings/ignored";
        input.State = State.Retired;
        input.Etag = "99";

        var created = await CreateAsync(slug, input);

        Assert.Equal($"offerings/{slug}", created.Name);
        Assert.Equal(State.Active, created.State);
        Assert.Equal("1", created.Etag);
        Assert.Equal(App.Clock.GetCurrentInstant().ToDateTimeOffset(), created.CreateTime.ToDateTimeOffset());
        Assert.Equal(Samples.Proto().Title, created.Title);
        Assert.Equal(created, (await App.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = created.Name })).Offering);

        var published = await App.PublishedAsync(created.Name, OfferingChangeKind.Created, 1);
        Assert.Equal("Weerbaar in de wijk", published.Offering.TitleNl);
        Assert.Equal("Resilient on the beat", published.Offering.TitleEn);
        Assert.Equal("CATEGORY_PEER_SUPPORT", published.Offering.Category);
        Assert.Equal(["AUDIENCE_EMPLOYEE"], published.Offering.Audiences);
        Assert.Equal(["TOPIC_STRESS"], published.Offering.Topics);
        Assert.Equal("ACCESS_METHOD_SIGN_UP", published.Offering.AccessMethod);
        Assert.Equal("https://intranet.politie.nl/weerbaar-in-de-wijk", published.Offering.AccessUrl);
        Assert.Equal("STATE_ACTIVE", published.Offering.State);
        Assert.Equal(App.Clock.GetCurrentInstant().ToDateTimeOffset(), published.ChangedAt);
    }

    [Fact]
    public async Task Creating_an_existing_slug_is_already_exists()
    {
        var slug = Samples.Slug("dubbel");
        await CreateAsync(slug);

        await Rpc.FailsAsync(StatusCode.AlreadyExists, () => CreateAsync(slug));
        await Rpc.FailsAsync(StatusCode.AlreadyExists, () => CreateAsync("team-collegiale-ondersteuning"));
    }

    [Fact]
    public async Task Create_reports_every_bad_field_in_one_bad_request()
    {
        var input = Samples.Proto();
        input.Title.En = "";
        input.Summary = null;
        input.Category = Category.Unspecified;
        input.Audiences.Clear();
        input.Topics.Add(Topic.Unspecified);
        input.Availability = new Availability { AroundTheClock = false };
        input.Access.Method = AccessMethod.Unspecified;
        input.Access.Url = "http://intranet.politie.nl";
        input.ContactChannels.Add(new ContactChannel { Kind = ContactChannelKind.Email, Value = "geen adres", Label = Samples.Text("Mail", "Mail") });
        input.ContactChannels.Add(new ContactChannel { Kind = ContactChannelKind.Website, Value = "https://www.politie.nl", Label = Samples.Text("", "Site") });
        input.Provider = " ";

        var fields = await Rpc.InvalidFieldsAsync(() => App.Admin.CreateOfferingAsync(
            new CreateOfferingRequest { OfferingId = "Geen Slug", Offering = input }));

        Assert.Equal(
            [
                "offering_id",
                "offering.title.en",
                "offering.summary.nl",
                "offering.summary.en",
                "offering.category",
                "offering.audiences",
                "offering.topics",
                "offering.availability.hours.nl",
                "offering.availability.hours.en",
                "offering.access.method",
                "offering.access.url",
                "offering.contact_channels[1].value",
                "offering.contact_channels[2].label.nl",
                "offering.provider",
            ],
            fields);
    }

    [Fact]
    public async Task Create_without_an_offering_names_every_required_field_and_the_bad_id()
    {
        var fields = await Rpc.InvalidFieldsAsync(() =>
            App.Admin.CreateOfferingAsync(new CreateOfferingRequest { OfferingId = "Leeg!" }));

        Assert.Contains("offering_id", fields);
        Assert.Contains("offering.title.nl", fields);
        Assert.Contains("offering.category", fields);
        Assert.Contains("offering.audiences", fields);
        Assert.Contains("offering.access.method", fields);
        Assert.Contains("offering.provider", fields);
    }

    [Fact]
    public async Task Update_changes_the_masked_fields_and_publishes_offering_changed()
    {
        var created = await CreateAsync(Samples.Slug("bijwerken"));
        App.Clock.Advance(Duration.FromMinutes(5));
        var change = created.Clone();
        change.Title = Samples.Text("Weerbaar op straat", "NOT IN THE MASK");
        change.Availability.Hours = Samples.Text("Elke dinsdag", "Every Tuesday");
        change.Provider = "NOT IN THE MASK";

        var updated = (await App.Admin.UpdateOfferingAsync(Update(change, "title.nl", "availability.hours"))).Offering;

        Assert.Equal(Samples.Text("Weerbaar op straat", "Resilient on the beat"), updated.Title);
        Assert.Equal(Samples.Text("Elke dinsdag", "Every Tuesday"), updated.Availability.Hours);
        Assert.Equal(created.Provider, updated.Provider);
        Assert.Equal("2", updated.Etag);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.Equal(App.Clock.GetCurrentInstant().ToDateTimeOffset(), updated.UpdateTime.ToDateTimeOffset());
        Assert.Equal(updated, (await App.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = created.Name })).Offering);

        var published = await App.PublishedAsync(created.Name, OfferingChangeKind.Updated, 2);
        Assert.Equal("Weerbaar op straat", published.Offering.TitleNl);
    }

    [Fact]
    public async Task Stale_etag_is_aborted()
    {
        var created = await CreateAsync(Samples.Slug("gelijktijdig"));
        var first = created.Clone();
        first.Provider = "Eerste beheerder";
        await App.Admin.UpdateOfferingAsync(Update(first, "provider"));

        var second = created.Clone();
        second.Provider = "Tweede beheerder";
        await Rpc.FailsAsync(StatusCode.Aborted, () => App.Admin.UpdateOfferingAsync(Update(second, "provider")));

        var stored = (await App.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = created.Name })).Offering;
        Assert.Equal("Eerste beheerder", stored.Provider);
        Assert.Equal("2", stored.Etag);
    }

    [Fact]
    public async Task Update_without_a_mask_is_invalid()
    {
        var created = await CreateAsync(Samples.Slug("zonder-masker"));

        Assert.Equal(["update_mask"], await Rpc.InvalidFieldsAsync(() =>
            App.Admin.UpdateOfferingAsync(new UpdateOfferingRequest { Offering = created })));
    }

    [Fact]
    public async Task Update_with_an_unknown_path_and_no_etag_reports_both()
    {
        var created = await CreateAsync(Samples.Slug("onbekend-pad"));
        created.Etag = "";

        Assert.Equal(["update_mask", "offering.etag"], await Rpc.InvalidFieldsAsync(() =>
            App.Admin.UpdateOfferingAsync(Update(created, "title", "create_time"))));
    }

    [Fact]
    public async Task Update_with_a_malformed_name_no_mask_and_no_etag_reports_all_three()
    {
        var offering = Samples.Proto();
        offering.Name = "bestaat-niet";

        Assert.Equal(["offering.name", "update_mask", "offering.etag"], await Rpc.InvalidFieldsAsync(() =>
            App.Admin.UpdateOfferingAsync(new UpdateOfferingRequest { Offering = offering })));
    }

    [Fact]
    public async Task Update_without_an_offering_reports_name_and_etag()
    {
        Assert.Equal(["offering.name", "offering.etag"], await Rpc.InvalidFieldsAsync(() =>
            App.Admin.UpdateOfferingAsync(new UpdateOfferingRequest { UpdateMask = new() { Paths = { "title" } } })));
    }

    [Fact]
    public async Task Update_of_an_unknown_offering_is_not_found()
    {
        var offering = Samples.Proto();
        offering.Name = "offerings/bestaat-niet";
        offering.Etag = "1";

        await Rpc.FailsAsync(StatusCode.NotFound, () => App.Admin.UpdateOfferingAsync(Update(offering, "title")));
    }

    [Fact]
    public async Task Update_with_a_malformed_name_is_invalid_on_offering_name()
    {
        var offering = Samples.Proto();
        offering.Name = "bestaat-niet";
        offering.Etag = "1";

        Assert.Equal(["offering.name"], await Rpc.InvalidFieldsAsync(() => App.Admin.UpdateOfferingAsync(Update(offering, "title"))));
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_etag_and_publishes_nothing()
    {
        var created = await CreateAsync(Samples.Slug("ongewijzigd"));
        await App.PublishedAsync(created.Name, OfferingChangeKind.Created, 1);

        var updated = (await App.Admin.UpdateOfferingAsync(Update(created.Clone(), "*"))).Offering;

        Assert.Equal("1", updated.Etag);
        Assert.Equal(created.UpdateTime, updated.UpdateTime);
        // A later change is published; had the no-op published anything, it would show up before it.
        await App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = created.Name, Etag = "1" });
        await App.PublishedAsync(created.Name, OfferingChangeKind.Retired, 2);
        Assert.Equal([OfferingChangeKind.Created, OfferingChangeKind.Retired], App.PublishedSoFar(created.Name).Select(e => e.Change));
    }

    [Fact]
    public async Task A_retired_offering_is_no_longer_listed_or_recommended_but_still_readable()
    {
        // A 24/7 peer-support route on a topic of its own: urgent requests would recommend it first.
        var created = await CreateAsync(Samples.Slug("nachtdienst"), Samples.Proto(Category.PeerSupport, Topic.TeamReflection, aroundTheClock: true));
        var urgent = new RecommendOfferingsRequest { Severity = Severity.Urgent, MaxResults = 20 };
        Assert.Contains(created.Name, (await App.Anonymous.RecommendOfferingsAsync(urgent)).Recommendations.Select(r => r.Offering.Name));

        App.Clock.Advance(Duration.FromDays(1));
        var retired = (await App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = created.Name, Etag = created.Etag })).Offering;

        Assert.Equal(State.Retired, retired.State);
        Assert.Equal("2", retired.Etag);
        Assert.Equal(App.Clock.GetCurrentInstant().ToDateTimeOffset(), retired.UpdateTime.ToDateTimeOffset());

        var listed = await App.Anonymous.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 100 });
        Assert.DoesNotContain(created.Name, listed.Offerings.Select(o => o.Name));
        var withRetired = await App.Anonymous.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 100, ShowRetired = true });
        Assert.Contains(withRetired.Offerings, o => o.Name == created.Name && o.State == State.Retired);

        var recommended = await App.Anonymous.RecommendOfferingsAsync(urgent);
        Assert.DoesNotContain(created.Name, recommended.Recommendations.Select(r => r.Offering.Name));
        var onItsTopic = await App.Anonymous.RecommendOfferingsAsync(
            new RecommendOfferingsRequest { Severity = Severity.Mild, Topics = { Topic.TeamReflection }, MaxResults = 20 });
        Assert.DoesNotContain(created.Name, onItsTopic.Recommendations.Select(r => r.Offering.Name));

        Assert.Equal(retired, (await App.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = created.Name })).Offering);

        var published = await App.PublishedAsync(created.Name, OfferingChangeKind.Retired, 2);
        Assert.Equal("STATE_RETIRED", published.Offering.State);
    }

    [Fact]
    public async Task Retiring_twice_changes_nothing_the_second_time()
    {
        var created = await CreateAsync(Samples.Slug("twee-keer"));
        await App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = created.Name });

        var again = (await App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = created.Name })).Offering;

        Assert.Equal("2", again.Etag);
    }

    [Fact]
    public async Task Retiring_with_a_stale_etag_is_aborted()
    {
        var created = await CreateAsync(Samples.Slug("verouderd"));
        var change = created.Clone();
        change.Provider = "Ander";
        await App.Admin.UpdateOfferingAsync(Update(change, "provider"));

        await Rpc.FailsAsync(StatusCode.Aborted, () =>
            App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = created.Name, Etag = created.Etag }));
    }

    [Fact]
    public async Task Retiring_an_unknown_offering_is_not_found()
    {
        await Rpc.FailsAsync(StatusCode.NotFound, () =>
            App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "offerings/bestaat-niet" }));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() =>
            App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "bestaat-niet" })));
    }

    [Fact]
    public async Task An_accented_title_is_found_without_the_accent()
    {
        var input = Samples.Proto();
        input.Title = Samples.Text("Inloopcafé voor partners", "Drop-in café for partners");
        var created = await CreateAsync(Samples.Slug("inloopcafe"), input);

        var found = await App.Anonymous.ListOfferingsAsync(new ListOfferingsRequest { Query = "INLOOPCAFE" });

        Assert.Equal([created.Name], found.Offerings.Select(o => o.Name));
    }
}
