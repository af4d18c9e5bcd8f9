namespace Weerbaarheid.Offerings.Domain;

/// <summary>Everything about an offering that a programme administrator writes.</summary>
public sealed record OfferingContent(
    LocalizedText Title,
    LocalizedText Summary,
    LocalizedText Description,
    Category Category,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<Topic> Topics,
    Availability Availability,
    Access Access,
    IReadOnlyList<ContactChannel> ContactChannels,
    LocalizedText Eligibility,
    string Provider)
{
    /// <summary>The same content with texts trimmed and audiences/topics de-duplicated and sorted.</summary>
    public OfferingContent Normalized() => this with
    {
        Title = Trim(Title),
        Summary = Trim(Summary),
        Description = Trim(Description),
        Audiences = Audiences.Distinct().Order().ToArray(),
        Topics = Topics.Distinct().Order().ToArray(),
        Availability = Availability with { Hours = Trim(Availability.Hours) },
        Access = Access with { Url = Access.Url.Trim(), Instructions = Trim(Access.Instructions) },
        ContactChannels = ContactChannels
            .Select(c => c with { Value = c.Value.Trim(), Label = Trim(c.Label) })
            .ToArray(),
        Eligibility = Trim(Eligibility),
        Provider = Provider.Trim(),
    };

    private static LocalizedText Trim(LocalizedText text) => new(text.Nl.Trim(), text.En.Trim());
}
