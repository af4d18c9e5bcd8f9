using Weerbaarheid.Offerings.Domain;
using V1 = Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Tests.Infrastructure;

/// <summary>Valid offerings to start from; tests change the one field they are about.</summary>
public static class Samples
{
    public static OfferingContent Content(
        Category category = Category.PeerSupport,
        Audience[]? audiences = null,
        Topic[]? topics = null,
        bool aroundTheClock = false,
        string provider = "Politie — eenheid Midden-Nederland") => new(
        Title: new("Weerbaar in de wijk", "Resilient on the beat"),
        Summary: new("Gesprekken met collega's na een zware dienst.", "Talks with colleagues after a hard shift."),
        Description: new(
            "Een groep collega's die na een zware dienst samen terugkijkt, onder begeleiding.",
            "A group of colleagues looking back together after a hard shift, with a facilitator."),
        Category: category,
        Audiences: audiences ?? [Audience.Employee],
        Topics: topics ?? [Topic.Stress],
        Availability: new Availability(aroundTheClock, aroundTheClock ? LocalizedText.Empty : new("Op afspraak", "By appointment")),
        Access: new Access(AccessMethod.SignUp, "https://intranet.politie.nl/weerbaar-in-de-wijk",
            new("Meld je aan via het intranet.", "Sign up via the intranet.")),
        ContactChannels:
        [
            new ContactChannel(ContactChannelKind.Phone, "+31 30 123 4567", new("Secretariaat", "Office"), false),
            new ContactChannel(ContactChannelKind.Email, "weerbaar@politie.nl", new("E-mail", "E-mail"), false),
        ],
        Eligibility: LocalizedText.Empty,
        Provider: provider);

    /// <summary>The same offering as <see cref="Content"/>, as a client sends it.</summary>
    public static V1.Offering Proto(
        V1.Category category = V1.Category.PeerSupport,
        V1.Topic topic = V1.Topic.Stress,
        bool aroundTheClock = false)
    {
        var offering = new V1.Offering
        {
            Title = Text("Weerbaar in de wijk", "Resilient on the beat"),
            Summary = Text("Gesprekken met collega's na een zware dienst.", "Talks with colleagues after a hard shift."),
            Description = Text(
                "Een groep collega's die na een zware dienst samen terugkijkt, onder begeleiding.",
                "A group of colleagues looking back together after a hard shift, with a facilitator."),
            Category = category,
            Availability = new V1.Availability
            {
                AroundTheClock = aroundTheClock,
                Hours = aroundTheClock ? null : Text("Op afspraak", "By appointment"),
            },
            Access = new V1.Access
            {
                Method = V1.AccessMethod.SignUp,
                Url = "https://intranet.politie.nl/weerbaar-in-de-wijk",
                Instructions = Text("Meld je aan via het intranet.", "Sign up via the intranet."),
            },
            Provider = "Politie — eenheid Midden-Nederland",
        };
        offering.Audiences.Add(V1.Audience.Employee);
        offering.Topics.Add(topic);
        offering.ContactChannels.Add(new V1.ContactChannel
        {
            Kind = V1.ContactChannelKind.Phone,
            Value = "+31 30 123 4567",
            Label = Text("Secretariaat", "Office"),
        });
        return offering;
    }

    public static V1.LocalizedText Text(string nl, string en) => new() { Nl = nl, En = en };

    /// <summary>A slug no other test uses.</summary>
    public static string Slug(string stem) => $"{stem}-{Guid.NewGuid():N}"[..Math.Min(stem.Length + 9, 63)];
}
