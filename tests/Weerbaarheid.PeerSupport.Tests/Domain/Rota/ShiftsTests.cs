using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

public sealed class ShiftsTests
{
    [Fact]
    public void Handoffs_between_turns_of_the_same_member_are_merged_into_one_shift()
    {
        var resolver = Resolver([new Layer("daily", ["anna"], new LocalDate(2025, 12, 1), new LocalTime(8, 0), RotationLength.OfDays(1))]);

        var year = resolver.Shifts(Local(2026, 1, 1, 0), Local(2027, 1, 1, 0));

        Assert.Equal([("anna", Local(2026, 1, 1, 0), Local(2027, 1, 1, 0))], year.Flat());
    }

    [Fact]
    public void Shifts_are_clipped_to_the_interval_asked_for()
    {
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna", "bram")]);

        var shifts = resolver.Shifts(Local(2026, 3, 4, 15, 17), Local(2026, 3, 10, 3, 3));

        Assert.Equal(
            [("anna", Local(2026, 3, 4, 15, 17), Local(2026, 3, 9, 9)), ("bram", Local(2026, 3, 9, 9), Local(2026, 3, 10, 3, 3))],
            shifts.Flat());
    }

    [Fact]
    public void Gaps_are_shifts_without_a_member()
    {
        var resolver = Resolver([new Layer("office hours", ["anna"], new LocalDate(2026, 1, 1), new LocalTime(9, 0), RotationLength.OfDays(1),
            windows: [new TimeWindow(new LocalTime(9, 0), new LocalTime(17, 0))])]);

        var shifts = resolver.Shifts(Local(2026, 3, 10, 0), Local(2026, 3, 11, 0));

        Assert.Equal(
            [(null, Local(2026, 3, 10, 0), Local(2026, 3, 10, 9)), ("anna", Local(2026, 3, 10, 9), Local(2026, 3, 10, 17)),
             (null, Local(2026, 3, 10, 17), Local(2026, 3, 11, 0))],
            shifts.Flat());
        Assert.Equal([true, false, true], shifts.Select(s => s.IsGap));
    }

    [Fact]
    public void Shifts_of_a_busy_schedule_tile_the_interval_without_overlap()
    {
        var layers = new[]
        {
            Weekly(new LocalDate(2026, 1, 5), "anna", "bram", "cem"),
            new Layer("weekends", ["dewi", "eva"], new LocalDate(2026, 1, 3), new LocalTime(8, 0), RotationLength.OfDays(1),
                [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday]),
            new Layer("nights", ["fleur", "anna"], new LocalDate(2026, 1, 1), new LocalTime(21, 0), RotationLength.OfHours(12),
                windows: [new TimeWindow(new LocalTime(22, 0), new LocalTime(6, 0))]),
        };
        var overrides = Enumerable.Range(0, 40).Select(i =>
            Override(i % 2 == 0 ? "cem" : "eva", Local(2026, 1, 1, 0) + Duration.FromHours(i * 211), Local(2026, 1, 1, 0) + Duration.FromHours(i * 211 + 30),
                Instant.FromUtc(2025, 12, 1, 0, 0) + Duration.FromMinutes(i)));
        var resolver = Resolver(layers, overrides, [Member("bram", qualifications: new Interval(Local(2026, 1, 1, 0), Local(2026, 6, 30, 12)))]);
        var start = Local(2026, 1, 1, 0);
        var end = Local(2027, 1, 1, 0);

        var shifts = resolver.Shifts(start, end);

        AssertTiles(shifts, start, end);
        Assert.Equal(end - start, shifts.Aggregate(Duration.Zero, (sum, s) => sum + s.Interval.Duration));
        Assert.Contains(shifts, s => s.IsGap); // bram's weeks after 30 June, outside weekends and nights
        Assert.All(shifts, s => Assert.Equal(resolver.At(s.Interval.Start)?.MemberId, s.MemberId));
    }

    [Fact]
    public void An_empty_interval_has_no_shifts()
    {
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna")]);

        Assert.Empty(resolver.Shifts(Local(2026, 3, 1, 0), Local(2026, 3, 1, 0)));
    }
}
