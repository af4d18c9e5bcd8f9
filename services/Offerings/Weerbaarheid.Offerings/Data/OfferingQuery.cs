using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Data;

/// <summary>A page of the catalogue: filters combine with AND; pages are ordered by slug.</summary>
public sealed record OfferingQuery(
    Audience Audience, Topic Topic, Category Category, string Text, bool ShowRetired, int PageSize, string PageToken)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxTextLength = 200;

    /// <summary>Validates every field; returns the slug to continue after (null for the first page).</summary>
    public string? Validate()
    {
        var validation = new Validation();
        validation.Require(PageSize >= 0, "page_size", "Must not be negative.");
        validation.Require(Enum.IsDefined(Audience), "audience", "Must be one of the defined audiences.");
        validation.Require(Enum.IsDefined(Topic), "topic", "Must be one of the defined topics.");
        validation.Require(Enum.IsDefined(Category), "category", "Must be one of the defined categories.");
        validation.Require(Text.Length <= MaxTextLength, "query", $"At most {MaxTextLength} characters.");
        var after = PageTokens.Decode(PageToken, Fingerprint, validation);
        if (after is not null && !OfferingRules.IsValidSlug(after))
        {
            validation.Add("page_token", "Not a page token of this list with these filters; start again without it.");
        }

        validation.ThrowIfInvalid();
        return after;
    }

    /// <summary>Page size as served: 0 means the default, more than the maximum is capped.</summary>
    public int EffectivePageSize => PageSize == 0 ? DefaultPageSize : Math.Min(PageSize, MaxPageSize);

    /// <summary>What a page token is bound to: a token of another query is refused.</summary>
    public string Fingerprint => $"v1|{(int)Audience}|{(int)Topic}|{(int)Category}|{ShowRetired}|{Text.Trim()}";
}

public sealed record OfferingPage(IReadOnlyList<Offering> Offerings, string NextPageToken);
