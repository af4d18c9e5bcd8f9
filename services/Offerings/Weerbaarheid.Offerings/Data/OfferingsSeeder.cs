using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Domain;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Data;

/// <summary>
/// Puts the programme's offerings in the catalogue on first start. Only missing offerings are added,
/// so an administrator's later edits (or retirements) survive every restart.
/// </summary>
internal sealed class OfferingsSeeder(IClock clock, ILogger<OfferingsSeeder> logger) : IDatabaseSeeder<OfferingsDbContext>
{
    public async Task SeedAsync(OfferingsDbContext db, CancellationToken cancellationToken)
    {
        var existing = await db.Offerings.Select(o => o.Slug).ToHashSetAsync(cancellationToken);
        var now = clock.GetCurrentInstant();
        var added = 0;
        foreach (var (slug, content) in ProgrammeOfferings.All.Where(seed => !existing.Contains(seed.Slug)))
        {
            var offering = Offering.Create(slug, content, now);
            db.Offerings.Add(offering);
            db.Publish(OfferingEvents.Changed(offering, OfferingChangeKind.Created));
            added++;
        }

        if (added == 0)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded {Count} programme offering(s)", added);
        }
        catch (DbUpdateException) when (db.Database.IsNpgsql())
        {
            // Another replica seeded the same offerings at the same moment; its rows stand.
            logger.LogInformation("Offerings were seeded concurrently by another replica");
        }
    }
}
