using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>Every region has its settings and both schedules from the start, so edits always have an etag to match.</summary>
internal sealed class RotaSeeder(IClock clock) : IDatabaseSeeder<PeerSupportDbContext>
{
    public async Task SeedAsync(PeerSupportDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var settings = await db.RegionSettings.Select(r => r.Region).ToHashSetAsync(cancellationToken);
        var schedules = await db.Schedules.Select(s => new { s.Region, s.Kind }).ToListAsync(cancellationToken);
        foreach (var region in Regions.All)
        {
            if (!settings.Contains(region))
            {
                db.RegionSettings.Add(RegionSettings.Empty(region));
            }

            foreach (var kind in new[] { ScheduleKind.Primary, ScheduleKind.Backup })
            {
                if (!schedules.Any(s => s.Region == region && s.Kind == kind))
                {
                    db.Schedules.Add(Schedule.Empty(region, kind, now));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Development only: a demo rota, so GetOnCall answers out of the box. Every region gets six certified
/// members (employee numbers demo-{region}-1..6), a weekly primary rotation handing off Monday 09:00, a
/// weekly backup rotation of the others handing off Monday 09:00 too, and its first member as coordinator.
/// Added once: a region that has members already is left alone.
/// </summary>
internal sealed class DemoRotaSeeder(IClock clock, ILogger<DemoRotaSeeder> logger) : IDatabaseSeeder<PeerSupportDbContext>
{
    private static readonly string[] FirstNames = ["Sanne", "Mehmet", "Lotte", "Jeroen", "Fatima", "Pieter"];
    private static readonly string[] LastNames = ["de Vries", "Yilmaz", "Jansen", "Bakker", "El Amrani", "Visser"];

    public async Task SeedAsync(PeerSupportDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var populated = await db.Members.Select(m => m.Region).Distinct().ToListAsync(cancellationToken);
        var start = LocalDate.FromDateTime(now.ToDateTimeUtc()).PlusWeeks(-8);
        while (start.DayOfWeek != IsoDayOfWeek.Monday)
        {
            start = start.PlusDays(-1);
        }

        var added = 0;
        foreach (var region in Regions.All.Where(r => !populated.Contains(r)))
        {
            var ids = new List<string>();
            for (var i = 0; i < FirstNames.Length; i++)
            {
                var id = $"demo-{region.Slug()}-{i + 1}";
                ids.Add(id);
                db.Members.Add(Member.Create(id, region, new MemberProfile(
                    $"{FirstNames[i]} {LastNames[i]}", $"Team {(i % 3) + 1} {region.Slug()}", ["nl", "en"],
                    [new NotificationChannel(NotificationChannelKind.Push, $"app:{id}")], 3, Active: true), now));
                db.Certificates.Add(TcoCertificate.Issued($"demo-{id}", id, now - Duration.FromDays(30), now + Duration.FromDays(700), now));
            }

            var handoff = new LocalTime(9, 0);
            var primary = await db.Schedules.SingleAsync(s => s.Region == region && s.Kind == ScheduleKind.Primary, cancellationToken);
            var backup = await db.Schedules.SingleAsync(s => s.Region == region && s.Kind == ScheduleKind.Backup, cancellationToken);
            var members = ids.ToHashSet();
            primary.Replace(
                [new LayerSpec("Weekdienst", ids[..3], start, handoff, RotationLength.OfWeeks(1), [], [])],
                primary.Etag, members, new(), now);
            backup.Replace(
                [new LayerSpec("Achterwacht", ids[3..], start, handoff, RotationLength.OfWeeks(1), [], [])],
                backup.Etag, members, new(), now);
            var settings = await db.RegionSettings.SingleAsync(r => r.Region == region, cancellationToken);
            settings.SetCoordinator(ids[0], settings.Etag);
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Development: seeded a demo rota in {Count} region(s)", added);
        }
    }
}
