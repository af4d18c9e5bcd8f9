using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Tests.Domain;

public sealed class OfferingRulesTests
{
    private static IReadOnlyList<string> ViolatedFields(OfferingContent content)
    {
        var validation = new Validation();
        OfferingRules.Check(validation, "offering", content.Normalized());
        return validation.Violations.Select(v => v.Field).ToList();
    }

    [Fact]
    public void A_valid_offering_has_no_violations()
    {
        Assert.Empty(ViolatedFields(Samples.Content()));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_with_the_contracts_paths()
    {
        var content = Samples.Content() with
        {
            Title = new("", "Resilient on the beat"),
            Summary = new("  ", ""),
            Description = new(new string('x', OfferingRules.MaxDescription + 1), "Fine"),
            Category = Category.Unspecified,
            Audiences = [],
            Topics = [Topic.Stress, Topic.Unspecified],
            Availability = new Availability(false, LocalizedText.Empty),
            Access = new Access(AccessMethod.Unspecified, "http://intranet.politie.nl/", LocalizedText.Empty),
            ContactChannels =
            [
                new ContactChannel(ContactChannelKind.Phone, "bel me", new("Telefoon", "Phone"), false),
                new ContactChannel(ContactChannelKind.Email, "niet-een-adres", new("E-mail", "E-mail"), false),
                new ContactChannel(ContactChannelKind.Website, "http://www.politie.nl", new("Website", "Website"), false),
                new ContactChannel(ContactChannelKind.Unspecified, "x", LocalizedText.Empty, false),
            ],
            Provider = "",
        };

        var exception = Assert.Throws<ValidationFailedException>(() => Offering.Create("Bad Slug", content, OfferingsApp.Start));

        Assert.Equal(
            new[]
            {
                "offering_id",
                "offering.title.nl",
                "offering.summary.nl",
                "offering.summary.en",
                "offering.description.nl",
                "offering.category",
                "offering.audiences",
                "offering.topics",
                "offering.availability.hours.nl",
                "offering.availability.hours.en",
                "offering.access.method",
                "offering.access.url",
                "offering.contact_channels[0].value",
                "offering.contact_channels[1].value",
                "offering.contact_channels[2].value",
                "offering.contact_channels[3].kind",
                "offering.contact_channels[3].label.nl",
                "offering.contact_channels[3].label.en",
                "offering.provider",
            },
            exception.Violations.Select(v => v.Field));
        Assert.All(exception.Violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("mental-check-up")]
    [InlineData("loket-24-7")]
    [InlineData("a1b")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Valid_slugs_are_accepted(string slug)
    {
        Assert.True(OfferingRules.IsValidSlug(slug));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("Mental-check-up")]
    [InlineData("1-check-up")]
    [InlineData("-check-up")]
    [InlineData("check-up-")]
    [InlineData("check--up")]
    [InlineData("check_up")]
    [InlineData("check up")]
    [InlineData("inloop-café")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Invalid_slugs_are_rejected(string slug)
    {
        Assert.False(OfferingRules.IsValidSlug(slug));
        var validation = new Validation();
        OfferingRules.CheckSlug(validation, "offering_id", slug);
        Assert.Equal("offering_id", Assert.Single(validation.Violations).Field);
    }

    [Theory]
    [InlineData("112")]
    [InlineData("0800-0113")]
    [InlineData("+31 6 1234 5678")]
    [InlineData("088 - 169 00 00")]
    public void Phone_numbers_of_digits_spaces_and_dashes_are_accepted(string phone)
    {
        Assert.Empty(ViolatedFields(WithChannel(ContactChannelKind.Phone, phone)));
    }

    [Theory]
    [InlineData("12")]
    [InlineData("bel 112")]
    [InlineData("+31 (0)6 1234 5678")]
    [InlineData("0800-")]
    [InlineData("++31612345678")]
    [InlineData("0612345678901234567890")]
    public void Other_phone_numbers_are_rejected(string phone)
    {
        Assert.Equal(["offering.contact_channels[0].value"], ViolatedFields(WithChannel(ContactChannelKind.Phone, phone)));
    }

    [Theory]
    [InlineData("tco@politie.nl", true)]
    [InlineData("loket.24-7@politie.nl", true)]
    [InlineData("politie.nl", false)]
    [InlineData("TCO <tco@politie.nl>", false)]
    [InlineData("tco@", false)]
    public void Email_addresses_must_be_plain_addresses(string email, bool valid)
    {
        var fields = ViolatedFields(WithChannel(ContactChannelKind.Email, email));
        Assert.Equal(valid ? [] : ["offering.contact_channels[0].value"], fields);
    }

    [Theory]
    [InlineData(ContactChannelKind.Website, "https://www.113.nl", true)]
    [InlineData(ContactChannelKind.Intranet, "https://intranet.politie.nl/tco", true)]
    [InlineData(ContactChannelKind.Website, "http://www.113.nl", false)]
    [InlineData(ContactChannelKind.Website, "www.113.nl", false)]
    [InlineData(ContactChannelKind.Intranet, "/tco", false)]
    [InlineData(ContactChannelKind.Intranet, "ftp://intranet.politie.nl/tco", false)]
    public void Web_addresses_must_be_absolute_https(ContactChannelKind kind, string url, bool valid)
    {
        var fields = ViolatedFields(WithChannel(kind, url));
        Assert.Equal(valid ? [] : ["offering.contact_channels[0].value"], fields);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("https://www.debasis.org/", true)]
    [InlineData("http://www.debasis.org/", false)]
    [InlineData("debasis.org", false)]
    public void The_access_url_is_optional_but_must_be_https(string url, bool valid)
    {
        var content = Samples.Content() with { Access = Samples.Content().Access with { Url = url } };
        Assert.Equal(valid ? [] : ["offering.access.url"], ViolatedFields(content));
    }

    [Fact]
    public void Hours_are_required_in_both_languages_when_not_around_the_clock()
    {
        var content = Samples.Content() with { Availability = new Availability(false, new("Op afspraak", "")) };
        Assert.Equal(["offering.availability.hours.en"], ViolatedFields(content));
    }

    [Fact]
    public void Hours_may_be_left_out_when_around_the_clock()
    {
        var content = Samples.Content() with { Availability = new Availability(true, LocalizedText.Empty) };
        Assert.Empty(ViolatedFields(content));
    }

    [Fact]
    public void Texts_have_maximum_lengths()
    {
        var content = Samples.Content() with
        {
            Title = new(new string('t', OfferingRules.MaxTitle + 1), new string('t', OfferingRules.MaxTitle)),
            Eligibility = new("", new string('e', OfferingRules.MaxShortText + 1)),
            Provider = new string('p', OfferingRules.MaxProvider + 1),
        };
        Assert.Equal(["offering.title.nl", "offering.eligibility.en", "offering.provider"], ViolatedFields(content));
    }

    [Fact]
    public void At_most_ten_contact_channels()
    {
        var channel = new ContactChannel(ContactChannelKind.Phone, "112", new("Alarm", "Emergency"), true);
        var content = Samples.Content() with { ContactChannels = Enumerable.Repeat(channel, OfferingRules.MaxContactChannels + 1).ToArray() };
        Assert.Equal(["offering.contact_channels"], ViolatedFields(content));
    }

    [Fact]
    public void Undefined_enum_numbers_are_rejected()
    {
        var content = Samples.Content() with
        {
            Category = (Category)99,
            Audiences = [(Audience)99],
            Topics = [(Topic)99],
            Access = Samples.Content().Access with { Method = (AccessMethod)99 },
        };
        Assert.Equal(["offering.category", "offering.audiences", "offering.topics", "offering.access.method"], ViolatedFields(content));
    }

    private static OfferingContent WithChannel(ContactChannelKind kind, string value) =>
        Samples.Content() with { ContactChannels = [new ContactChannel(kind, value, new("Kanaal", "Channel"), false)] };
}
