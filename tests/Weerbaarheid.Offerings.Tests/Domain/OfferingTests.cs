using NodaTime;
using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Tests.Domain;

public sealed class OfferingTests
{
    private static readonly Instant Created = OfferingsApp.Start;
    private static readonly Instant Later = Created + Duration.FromHours(2);

    private static Offering NewOffering() => Offering.Create("weerbaar-in-de-wijk", Samples.Content(), Created);

    [Fact]
    public void A_new_offering_is_active_at_version_1()
    {
        var offering = NewOffering();

        Assert.Equal("offerings/weerbaar-in-de-wijk", offering.Name);
        Assert.Equal(OfferingState.Active, offering.State);
        Assert.True(offering.IsActive);
        Assert.Equal(1, offering.Version);
        Assert.Equal("1", offering.Etag);
        Assert.Equal(Created, offering.CreatedAt);
        Assert.Equal(Created, offering.UpdatedAt);
    }

    [Fact]
    public void Creating_trims_texts_and_orders_audiences_and_topics_without_duplicates()
    {
        var content = Samples.Content(
            audiences: [Audience.Team, Audience.Employee, Audience.Team],
            topics: [Topic.Resilience, Topic.Stress, Topic.Resilience]) with
        {
            Title = new("  Weerbaar in de wijk ", " Resilient on the beat"),
            Provider = " Politie ",
        };

        var offering = Offering.Create("weerbaar-in-de-wijk", content, Created);

        Assert.Equal(new LocalizedText("Weerbaar in de wijk", "Resilient on the beat"), offering.Content.Title);
        Assert.Equal("Politie", offering.Content.Provider);
        Assert.Equal([Audience.Employee, Audience.Team], offering.Content.Audiences);
        Assert.Equal([Topic.Stress, Topic.Resilience], offering.Content.Topics);
    }

    [Fact]
    public void Update_changes_only_the_fields_in_the_mask()
    {
        var offering = NewOffering();
        var incoming = Samples.Content(category: Category.Training) with
        {
            Title = new("Weerbaar op straat", "Resilient on the street"),
            Provider = "Iemand anders",
        };

        Assert.True(offering.Update(incoming, ["title", "category"], "1", Later));

        Assert.Equal(new LocalizedText("Weerbaar op straat", "Resilient on the street"), offering.Content.Title);
        Assert.Equal(Category.Training, offering.Content.Category);
        Assert.Equal("Politie — eenheid Midden-Nederland", offering.Content.Provider);
        Assert.Equal(2, offering.Version);
        Assert.Equal("2", offering.Etag);
        Assert.Equal(Created, offering.CreatedAt);
        Assert.Equal(Later, offering.UpdatedAt);
    }

    [Fact]
    public void A_sub_field_path_changes_one_language_only()
    {
        var offering = NewOffering();
        var incoming = Samples.Content() with { Title = new("Weerbaar op straat", "IGNORED") };

        offering.Update(incoming, ["title.nl"], "1", Later);

        Assert.Equal(new LocalizedText("Weerbaar op straat", "Resilient on the beat"), offering.Content.Title);
    }

    [Fact]
    public void Sub_fields_of_availability_and_access_can_be_changed_on_their_own()
    {
        var offering = NewOffering();
        var incoming = Samples.Content() with
        {
            Availability = new Availability(true, new("Dag en nacht", "Day and night")),
            Access = new Access(AccessMethod.Booking, "https://example.org/ignored", new("Bel ons.", "Call us.")),
        };

        offering.Update(incoming, ["availability.hours", "access.instructions"], "1", Later);

        Assert.False(offering.Content.Availability.AroundTheClock);
        Assert.Equal(new LocalizedText("Dag en nacht", "Day and night"), offering.Content.Availability.Hours);
        Assert.Equal(AccessMethod.SignUp, offering.Content.Access.Method);
        Assert.Equal("https://intranet.politie.nl/weerbaar-in-de-wijk", offering.Content.Access.Url);
        Assert.Equal(new LocalizedText("Bel ons.", "Call us."), offering.Content.Access.Instructions);
    }

    [Fact]
    public void A_whole_field_and_its_sub_field_in_one_mask_apply_the_whole_field_first()
    {
        var offering = NewOffering();
        var incoming = Samples.Content() with { Title = new("Nieuw", "New") };

        offering.Update(incoming, ["title.nl", "title"], "1", Later);

        Assert.Equal(new LocalizedText("Nieuw", "New"), offering.Content.Title);
    }

    [Fact]
    public void A_star_mask_replaces_every_editable_field()
    {
        var offering = NewOffering();
        var incoming = Samples.Content(category: Category.Aftercare, topics: [Topic.Ptsd], aroundTheClock: true) with { Provider = "De Basis" };

        offering.Update(incoming, ["*"], "1", Later);

        Assert.Equal(Category.Aftercare, offering.Content.Category);
        Assert.Equal([Topic.Ptsd], offering.Content.Topics);
        Assert.True(offering.Content.Availability.AroundTheClock);
        Assert.Equal(LocalizedText.Empty, offering.Content.Availability.Hours);
        Assert.Equal("De Basis", offering.Content.Provider);
        Assert.Equal(2, offering.Version);
    }

    [Fact]
    public void Unknown_and_read_only_paths_are_violations_on_update_mask()
    {
        var offering = NewOffering();

        var exception = Assert.Throws<ValidationFailedException>(() =>
            offering.Update(Samples.Content(), ["title", "colour", "state", "etag", "title.de"], "1", Later));

        Assert.Equal(4, exception.Violations.Count);
        Assert.All(exception.Violations, v => Assert.Equal("update_mask", v.Field));
        Assert.Contains(exception.Violations, v => v.Description.Contains("\"colour\"", StringComparison.Ordinal));
        Assert.Contains(exception.Violations, v => v.Description.Contains("\"state\"", StringComparison.Ordinal));
        Assert.Equal(1, offering.Version);
    }

    [Fact]
    public void A_missing_mask_and_a_missing_etag_are_reported_together()
    {
        var offering = NewOffering();

        var exception = Assert.Throws<ValidationFailedException>(() => offering.Update(Samples.Content(), [], "", Later));

        Assert.Equal(["update_mask", "offering.etag"], exception.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_update_without_etag_is_rejected()
    {
        var offering = NewOffering();

        var exception = Assert.Throws<ValidationFailedException>(() => offering.Update(Samples.Content(), ["title"], "", Later));

        Assert.Equal("offering.etag", Assert.Single(exception.Violations).Field);
    }

    [Fact]
    public void Stale_etag_is_rejected_and_nothing_changes()
    {
        var offering = NewOffering();
        offering.Update(Samples.Content() with { Provider = "Tweede" }, ["provider"], "1", Later);

        var exception = Assert.Throws<EtagMismatchException>(() =>
            offering.Update(Samples.Content() with { Provider = "Derde" }, ["provider"], "1", Later));

        Assert.Equal("offerings/weerbaar-in-de-wijk", exception.ResourceName);
        Assert.Equal("Tweede", offering.Content.Provider);
        Assert.Equal(2, offering.Version);
    }

    [Fact]
    public void An_update_that_makes_the_offering_invalid_is_rejected_with_every_bad_field()
    {
        var offering = NewOffering();
        var incoming = Samples.Content() with { Title = new("", ""), Provider = "" };

        var exception = Assert.Throws<ValidationFailedException>(() => offering.Update(incoming, ["title", "provider"], "1", Later));

        Assert.Equal(["offering.title.nl", "offering.title.en", "offering.provider"], exception.Violations.Select(v => v.Field));
        Assert.Equal("Weerbaar in de wijk", offering.Content.Title.Nl);
        Assert.Equal(1, offering.Version);
    }

    [Fact]
    public void Switching_off_around_the_clock_requires_hours()
    {
        var offering = Offering.Create("altijd-open", Samples.Content(aroundTheClock: true), Created);
        var incoming = Samples.Content(aroundTheClock: false);

        var exception = Assert.Throws<ValidationFailedException>(() =>
            offering.Update(incoming, ["availability.around_the_clock"], "1", Later));

        Assert.Equal(["offering.availability.hours.nl", "offering.availability.hours.en"], exception.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_update_that_changes_nothing_makes_no_new_version()
    {
        var offering = NewOffering();
        // Same values, different list instances and surrounding whitespace: still no change.
        var incoming = Samples.Content() with { Title = new(" Weerbaar in de wijk ", "Resilient on the beat") };

        Assert.False(offering.Update(incoming, ["*"], "1", Later));

        Assert.Equal(1, offering.Version);
        Assert.Equal(Created, offering.UpdatedAt);
    }

    [Fact]
    public void Retiring_makes_a_new_version_once()
    {
        var offering = NewOffering();

        Assert.True(offering.Retire("1", Later));
        Assert.Equal(OfferingState.Retired, offering.State);
        Assert.False(offering.IsActive);
        Assert.Equal(2, offering.Version);
        Assert.Equal(Later, offering.UpdatedAt);

        Assert.False(offering.Retire("", Later + Duration.FromHours(1)));
        Assert.Equal(2, offering.Version);
        Assert.Equal(Later, offering.UpdatedAt);
    }

    [Fact]
    public void Retiring_without_etag_skips_the_check()
    {
        var offering = NewOffering();
        offering.Update(Samples.Content() with { Provider = "Tweede" }, ["provider"], "1", Later);

        Assert.True(offering.Retire("", Later));
        Assert.Equal(OfferingState.Retired, offering.State);
    }

    [Fact]
    public void Retiring_with_a_stale_etag_is_rejected()
    {
        var offering = NewOffering();
        offering.Update(Samples.Content() with { Provider = "Tweede" }, ["provider"], "1", Later);

        Assert.Throws<EtagMismatchException>(() => offering.Retire("1", Later));
        Assert.Equal(OfferingState.Active, offering.State);
    }
}
