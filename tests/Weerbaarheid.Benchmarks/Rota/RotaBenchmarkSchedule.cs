using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.Benchmarks.Rota;

/// <summary>
/// A year (2026) of one region's primary schedule, as the issue sizes it: 20 members, a weekly layer of all
/// of them, a weekend layer, a night layer of 12-hour turns, and 500 overrides spread over the year. Some
/// certificates lapse and are renewed during the year, so qualification edges are part of the work.
/// Seeded, so every run measures the same schedule.
/// </summary>
internal static class RotaBenchmarkSchedule
{
    public const int MemberCount = 20;
    public const int OverrideCount = 500;

    public static readonly Instant YearStart = RotaTime.ToInstant(new LocalDateTime(2026, 1, 1, 0, 0));
    public static readonly Instant YearEnd = RotaTime.ToInstant(new LocalDateTime(2027, 1, 1, 0, 0));

    public static OnCallResolver Build()
    {
        var random = new Random(2026);
        var ids = Enumerable.Range(1, MemberCount).Select(i => $"tco-{i:00}").ToArray();
        var certified = new Interval(Instant.FromUtc(2024, 1, 1, 0, 0), Instant.FromUtc(2029, 1, 1, 0, 0));
        var members = ids.Select((id, i) => new RotaMember(id, $"Member {i + 1}", Region.Amsterdam, Active: true,
                // Every fourth member's certificate lapses for four weeks in the year before it is renewed.
                i % 4 == 3 && RandomInstant(random) is var lapse
                    ? [new Interval(certified.Start, lapse), new Interval(lapse + Duration.FromDays(28), certified.End)]
                    : [certified]))
            .ToDictionary(m => m.Id);

        var night = new TimeWindow(new LocalTime(18, 0), new LocalTime(8, 0));
        var layers = new[]
        {
            new Layer("weekly", ids, new LocalDate(2025, 12, 29), new LocalTime(9, 0), RotationLength.OfWeeks(1)),
            new Layer("weekends", ids[..8], new LocalDate(2025, 12, 27), new LocalTime(8, 0), RotationLength.OfDays(1),
                [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]),
            new Layer("nights", ids[10..], new LocalDate(2025, 12, 31), new LocalTime(20, 0), RotationLength.OfHours(12), windows: [night]),
        };

        var overrides = Enumerable.Range(0, OverrideCount).Select(_ =>
        {
            var start = RandomInstant(random);
            return new RotaOverride(Guid.NewGuid(), ScheduleKind.Primary, ids[random.Next(ids.Length)],
                new Interval(start, start + Duration.FromMinutes(random.Next(60, 72 * 60))),
                YearStart - Duration.FromDays(30) + Duration.FromMinutes(random.Next(0, 400 * 24 * 60)));
        }).ToList();

        return new OnCallResolver(Region.Amsterdam, layers, overrides, members);
    }

    /// <summary>Instants spread uniformly over 2026, in a fixed random order.</summary>
    public static Instant[] RandomInstants(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => RandomInstant(random)).ToArray();
    }

    private static Instant RandomInstant(Random random) =>
        YearStart + Duration.FromSeconds(random.NextInt64((long)(YearEnd - YearStart).TotalSeconds));
}
