using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Scheduling;

/// <summary>
/// Handoff notices: plans a <see cref="ShiftNotice"/> for every shift that starts within the coming
/// hours, and fires each due notice once as a <see cref="ShiftStarting"/> event. Durable and safe with
/// several replicas: planning relies on a unique key, firing on a conditional update that one replica
/// wins, in the same transaction as the outbox event.
/// </summary>
public sealed class ShiftNoticeScheduler(PeerSupportDbContext db, RotaStore store, IOptions<PeerSupportOptions> options)
{
    /// <summary>How far past the lead time shifts are planned ahead.</summary>
    public static readonly Duration PlanningHorizon = Duration.FromHours(6);

    /// <summary>How far past the window shifts are resolved, so a notice carries the shift's real end, not the window's.</summary>
    private static readonly Duration ShiftEndLookahead = Duration.FromDays(32);

    public async Task<(int Planned, int Fired)> RunOnceAsync(CancellationToken cancellationToken)
    {
        var planned = await PlanAsync(cancellationToken);
        var fired = await FireDueAsync(cancellationToken);
        return (planned, fired);
    }

    private async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var now = store.Now;
        var lead = Duration.FromTimeSpan(options.Value.ShiftNoticeLead);
        var until = now + lead + PlanningHorizon;
        var planned = 0;
        foreach (var region in Regions.All)
        {
            var (rota, _) = await store.LoadAsync(region, now, cancellationToken);
            // One query for what is planned already in the window, instead of one per shift every minute.
            var alreadyPlanned = (await db.ShiftNotices.AsNoTracking()
                    .Where(n => n.Region == region && n.ShiftStart > now && n.ShiftStart < until)
                    .Select(n => new { n.MemberId, n.Schedule, n.ShiftStart })
                    .ToListAsync(cancellationToken))
                .Select(n => (n.MemberId, n.Schedule, n.ShiftStart))
                .ToHashSet();
            foreach (var kind in new[] { ScheduleKind.Primary, ScheduleKind.Backup })
            {
                // Only shifts that start in the window: a shift already running got its notice before.
                var starting = rota.Resolver(kind).Shifts(now, until + ShiftEndLookahead)
                    .Where(s => !s.IsGap && s.Interval.Start > now && s.Interval.Start < until);
                foreach (var shift in starting)
                {
                    if (alreadyPlanned.Contains((shift.MemberId!, kind, shift.Interval.Start)))
                    {
                        continue;
                    }

                    db.ShiftNotices.Add(ShiftNotice.Plan(region, kind, shift.MemberId!, shift.Interval, lead));
                    try
                    {
                        await db.SaveChangesAsync(cancellationToken);
                        planned++;
                    }
                    catch (DbUpdateException)
                    {
                        db.ChangeTracker.Clear(); // another replica planned the same notice first
                    }
                }
            }
        }

        return planned;
    }

    private async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = store.Now;
        var due = await db.ShiftNotices.AsNoTracking()
            .Where(n => n.FiredAt == null && n.FireAt <= now)
            .OrderBy(n => n.FireAt)
            .Take(200)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var notice in due)
        {
            // Is the member still on call then? The rota may have changed since the notice was planned.
            var (rota, _) = await store.LoadAsync(notice.Region, notice.ShiftStart, cancellationToken);
            var stillOn = rota.Resolver(notice.Schedule).At(notice.ShiftStart)?.MemberId == notice.MemberId
                          && notice.ShiftStart > now - Duration.FromHours(1);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimed = await db.ShiftNotices
                .Where(n => n.Id == notice.Id && n.FiredAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.FiredAt, now).SetProperty(n => n.Sent, stillOn), cancellationToken);
            if (claimed == 0)
            {
                continue; // another replica fired it
            }

            if (stillOn)
            {
                db.Publish(new ShiftStarting(Member.CollectionPrefix + notice.MemberId, notice.Region.ResourceName(),
                    notice.Schedule.ToString().ToUpperInvariant(), notice.ShiftStart.ToDateTimeOffset(), notice.ShiftEnd.ToDateTimeOffset()));
                await db.SaveChangesAsync(cancellationToken);
                fired++;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return fired;
    }
}
