using System.Globalization;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Domain;

/// <summary>
/// A support offering in the catalogue, named <c>offerings/{slug}</c>. Its content is edited as a
/// whole (with an update mask); <see cref="Version"/> changes on every change and is the etag.
/// </summary>
public sealed class Offering
{
    public const string CollectionPrefix = "offerings/";

    public string Slug { get; private set; } = "";
    public OfferingContent Content { get; private set; } = null!;
    public OfferingState State { get; private set; }
    public long Version { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    public string Name => CollectionPrefix + Slug;
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);
    public bool IsActive => State == OfferingState.Active;

    private Offering() { }

    /// <summary>A new, active offering. Throws <see cref="ValidationFailedException"/> with every bad field.</summary>
    public static Offering Create(string slug, OfferingContent content, Instant now)
    {
        var normalized = content.Normalized();
        var validation = new Validation();
        OfferingRules.CheckSlug(validation, "offering_id", slug);
        OfferingRules.Check(validation, "offering", normalized);
        validation.ThrowIfInvalid();
        return new Offering
        {
            Slug = slug,
            Content = normalized,
            State = OfferingState.Active,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Replaces the parts of the content named by <paramref name="paths"/>. The etag must be the
    /// current one. Returns false when nothing changed (no new version, no event).
    /// </summary>
    public bool Update(OfferingContent incoming, IReadOnlyCollection<string> paths, string etag, Instant now)
    {
        var validation = new Validation();
        CheckUpdate(validation, paths, etag);
        validation.ThrowIfInvalid();

        var updated = OfferingContentPatch.Apply(Content, incoming, paths).Normalized();
        OfferingRules.Check(validation, "offering", updated);
        validation.ThrowIfInvalid();
        CheckEtag(etag);

        if (SameContent(updated, Content))
        {
            return false;
        }

        Content = updated;
        Touch(now);
        return true;
    }

    /// <summary>The update request's own fields: a known mask and an etag.</summary>
    public static void CheckUpdate(Validation validation, IReadOnlyCollection<string> paths, string etag)
    {
        OfferingContentPatch.CheckPaths(validation, "update_mask", paths);
        validation.Require(etag.Length > 0, "offering.etag", "Required: the etag you last read, so a concurrent change is not overwritten.");
    }

    /// <summary>Retires the offering. An empty etag skips the check. Returns false when already retired.</summary>
    public bool Retire(string etag, Instant now)
    {
        if (etag.Length > 0)
        {
            CheckEtag(etag);
        }

        if (State == OfferingState.Retired)
        {
            return false;
        }

        State = OfferingState.Retired;
        Touch(now);
        return true;
    }

    private void CheckEtag(string etag)
    {
        if (etag != Etag)
        {
            throw new EtagMismatchException(Name);
        }
    }

    private void Touch(Instant now)
    {
        Version++;
        UpdatedAt = now;
    }

    // Records compare lists by reference; compare the lists' contents too.
    private static bool SameContent(OfferingContent a, OfferingContent b) =>
        a with { Audiences = Array.Empty<Audience>(), Topics = Array.Empty<Topic>(), ContactChannels = Array.Empty<ContactChannel>() }
            == b with { Audiences = Array.Empty<Audience>(), Topics = Array.Empty<Topic>(), ContactChannels = Array.Empty<ContactChannel>() }
        && a.Audiences.SequenceEqual(b.Audiences)
        && a.Topics.SequenceEqual(b.Topics)
        && a.ContactChannels.SequenceEqual(b.ContactChannels);
}
