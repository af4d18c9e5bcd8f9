using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Scheduling;

/// <summary>
/// Watches the coming days of every region for coverage gaps and reports each new one once as
/// <see cref="CoverageGapDetected"/>: after every rota change, and regularly, because time alone opens
/// gaps too (a certificate that runs out next week). A gap overlapping one reported before is not new; a
/// reported gap that has closed is forgotten, so a gap that opens again is reported again. Checks in one
/// process run one at a time; two replicas checking at the same moment may report a gap twice, so
/// consumers treat the event as a notification, not a count.
/// </summary>
public sealed class CoverageWatch(PeerSupportDbContext db, RotaStore store, IOptions<PeerSupportOptions> options)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public async Task<int> CheckAsync(Region region, string cause, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await CheckOnceAsync(region, cause, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<int> CheckOnceAsync(Region region, string cause, CancellationToken cancellationToken)
    {
        var now = store.Now;
        var horizon = now + Duration.FromDays(options.Value.GapWatchDays);
        var (rota, _) = await store.LoadAsync(region, now, cancellationToken);
        var reported = await db.ReportedGaps.Where(g => g.Region == region).ToListAsync(cancellationToken);
        var gaps = rota.Gaps(now, horizon);

        // Forget reported gaps that are over or have closed (coverage was found).
        foreach (var closed in reported.Where(r => r.End <= now || !gaps.Any(g => r.Overlaps(g.Schedule, g.Shift.Interval))).ToList())
        {
            db.ReportedGaps.Remove(closed);
            reported.Remove(closed);
        }

        var added = 0;
        foreach (var (kind, gap) in gaps)
        {
            if (reported.Any(r => r.Overlaps(kind, gap.Interval)))
            {
                continue;
            }

            var record = ReportedGap.Of(region, kind, gap.Interval, now);
            reported.Add(record);
            db.ReportedGaps.Add(record);
            db.Publish(new CoverageGapDetected(region.ResourceName(), kind.ToString().ToUpperInvariant(),
                gap.Interval.Start.ToDateTimeOffset(), gap.Interval.End.ToDateTimeOffset(), cause, now.ToDateTimeOffset()));
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    public async Task<int> CheckAllAsync(string cause, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var region in Regions.All)
        {
            added += await CheckAsync(region, cause, cancellationToken);
        }

        return added;
    }
}
