using MassTransit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.ServiceDefaults.Messaging;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// Keeps the local copy of the catalogue current: a change is applied only when its version is newer than
/// the stored one (events may arrive out of order, and twice), and a retired offering stays as retired.
/// Every change also ends this replica's cached answers.
/// </summary>
public sealed class OfferingChangedConsumer<TContext>(TContext db, IClock clock, RecommendationCache cache)
    : IdempotentConsumer<OfferingChanged, TContext>(db, clock)
    where TContext : ServiceDbContext
{
    protected override async Task HandleAsync(ConsumeContext<OfferingChanged> context)
    {
        var changed = context.Message;
        var snapshot = changed.Change == OfferingChangeKind.Retired ? changed.Offering with { State = CachedOffering.Retired } : changed.Offering;
        await OfferingCopy.ApplyAsync(Db, changed.Name, changed.Version, snapshot, Instant.FromDateTimeOffset(changed.ChangedAt),
            context.CancellationToken);
        cache.Clear();
    }
}

/// <summary>Writes to the local copy, for the consumer and the primer alike.</summary>
internal static class OfferingCopy
{
    /// <summary>Adds the offering, or takes the change when it is newer than the stored version. Does not save.</summary>
    public static async Task<bool> ApplyAsync(
        DbContext db, string name, long version, OfferingSnapshot snapshot, Instant changedAt, CancellationToken cancellationToken)
    {
        var stored = await db.Set<CachedOffering>().SingleOrDefaultAsync(o => o.Name == name, cancellationToken);
        if (stored is null)
        {
            db.Add(CachedOffering.Create(name, version, snapshot, changedAt));
            return true;
        }

        return stored.Apply(version, snapshot, changedAt);
    }
}
