using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Data;

/// <summary>
/// The catalogue as stored: reads it, applies the domain's changes and saves each one together with
/// its <see cref="OfferingChanged"/> event (outbox), in one transaction.
/// </summary>
public sealed class OfferingCatalogue(OfferingsDbContext db, IClock clock)
{
    public async Task<Offering> GetAsync(string name, string field, CancellationToken cancellationToken)
    {
        var slug = ParseName(name, field);
        return await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken)
               ?? throw new NotFoundException(name);
    }

    public async Task<OfferingPage> ListAsync(OfferingQuery query, CancellationToken cancellationToken)
    {
        var after = query.Validate();
        var offerings = db.Offerings.AsNoTracking();
        if (!query.ShowRetired)
        {
            offerings = offerings.Where(o => o.State == OfferingState.Active);
        }

        if (query.Audience != Audience.Unspecified)
        {
            var tag = OfferingsDbContext.Tag(query.Audience);
            offerings = offerings.Where(o => EF.Property<string>(o, OfferingsDbContext.Columns.AudienceTags).Contains(tag));
        }

        if (query.Topic != Topic.Unspecified)
        {
            var tag = OfferingsDbContext.Tag(query.Topic);
            offerings = offerings.Where(o => EF.Property<string>(o, OfferingsDbContext.Columns.TopicTags).Contains(tag));
        }

        if (query.Category != Category.Unspecified)
        {
            offerings = offerings.Where(o => EF.Property<Category>(o, OfferingsDbContext.Columns.Category) == query.Category);
        }

        foreach (var word in SearchText.Normalize(query.Text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            offerings = offerings.Where(o => EF.Property<string>(o, OfferingsDbContext.Columns.SearchText).Contains(word));
        }

        if (after is not null)
        {
            offerings = offerings.Where(o => string.Compare(o.Slug, after) > 0);
        }

        var size = query.EffectivePageSize;
        // One extra row tells whether another page exists, without a count query.
        var fetched = await offerings.OrderBy(o => o.Slug).Take(size + 1).ToListAsync(cancellationToken);
        var (page, next) = PageTokens.Page(fetched, size, o => o.Slug, query.Fingerprint);
        return new OfferingPage(page, next);
    }

    public async Task<Offering> CreateAsync(string slug, OfferingContent content, CancellationToken cancellationToken)
    {
        var offering = Offering.Create(slug, content, clock.GetCurrentInstant());
        if (await db.Offerings.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            throw new AlreadyExistsException(offering.Name);
        }

        db.Offerings.Add(offering);
        db.Publish(OfferingEvents.Changed(offering, OfferingChangeKind.Created));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Offerings.AnyAsync(o => o.Slug == slug, CancellationToken.None))
            {
                throw new AlreadyExistsException(offering.Name); // lost a race with a concurrent create
            }

            throw;
        }

        return offering;
    }

    public async Task<Offering> UpdateAsync(
        string name, OfferingContent incoming, IReadOnlyCollection<string> paths, string etag, CancellationToken cancellationToken)
    {
        // Name, mask and etag are checked together, so a client hears of every bad field at once.
        var validation = new Validation();
        var slug = ParseName(name, "offering.name", validation);
        Offering.CheckUpdate(validation, paths, etag);
        validation.ThrowIfInvalid();
        var offering = await FindForChangeAsync(slug!, name, cancellationToken);
        if (offering.Update(incoming, paths, etag, clock.GetCurrentInstant()))
        {
            db.Publish(OfferingEvents.Changed(offering, OfferingChangeKind.Updated));
            await db.SaveChangesAsync(cancellationToken);
        }

        return offering;
    }

    public async Task<Offering> RetireAsync(string name, string etag, CancellationToken cancellationToken)
    {
        var offering = await FindForChangeAsync(ParseName(name, "name"), name, cancellationToken);
        if (offering.Retire(etag, clock.GetCurrentInstant()))
        {
            db.Publish(OfferingEvents.Changed(offering, OfferingChangeKind.Retired));
            await db.SaveChangesAsync(cancellationToken);
        }

        return offering;
    }

    public async Task<RecommendationResult> RecommendAsync(RecommendationRequest request, CancellationToken cancellationToken)
    {
        // The catalogue is small (tens of offerings): rank in memory, where the rules are plain C#.
        var active = await db.Offerings.AsNoTracking().Where(o => o.State == OfferingState.Active).ToListAsync(cancellationToken);
        return OfferingRecommender.Recommend(active, request);
    }

    private async Task<Offering> FindForChangeAsync(string slug, string name, CancellationToken cancellationToken)
    {
        return await db.Offerings.SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken)
               ?? throw new NotFoundException(name);
    }

    /// <summary>"offerings/{slug}" → slug, or a violation on <paramref name="field"/>.</summary>
    public static string ParseName(string name, string field)
    {
        var validation = new Validation();
        var slug = ParseName(name, field, validation);
        validation.ThrowIfInvalid();
        return slug!;
    }

    /// <summary>"offerings/{slug}" → slug, or null with a violation on <paramref name="field"/> added.</summary>
    public static string? ParseName(string name, string field, Validation validation)
    {
        var slug = name.StartsWith(Offering.CollectionPrefix, StringComparison.Ordinal) ? name[Offering.CollectionPrefix.Length..] : null;
        if (slug is not null && OfferingRules.IsValidSlug(slug))
        {
            return slug;
        }

        validation.Add(field, string.IsNullOrEmpty(name)
            ? "Required: offerings/{slug}."
            : $"\"{name}\" is not an offering name (offerings/{{slug}}).");
        return null;
    }
}
