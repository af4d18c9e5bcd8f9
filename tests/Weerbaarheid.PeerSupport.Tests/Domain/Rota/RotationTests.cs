using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

/// <summary>
/// Rotations hand off on the Dutch wall clock. 2026's changes: Sunday 29 March 02:00 CET → 03:00 CEST,
/// Sunday 25 October 03:00 CEST → 02:00 CET.
/// </summary>
public sealed class RotationTests
{
    // Monday 5 January 2026; turn 11 starts Monday 23 March, turn 41 Monday 19 October.
    private static readonly LocalDate FirstMonday = new(2026, 1, 5);

    [Fact]
    public void Weekly_rotation_hands_off_on_monday_at_nine_in_participant_order_and_wraps_around()
    {
        var resolver = Resolver([Weekly(FirstMonday, "anna", "bram", "cem")]);

        Assert.Equal("anna", resolver.Who(Local(2026, 1, 5, 9)));
        Assert.Equal("anna", resolver.Who(Local(2026, 1, 12, 8, 59)));
        Assert.Equal("bram", resolver.Who(Local(2026, 1, 12, 9)));
        Assert.Equal("cem", resolver.Who(Local(2026, 1, 22, 3)));
        Assert.Equal("anna", resolver.Who(Local(2026, 1, 26, 9)));
        Assert.Equal("bram", resolver.Who(Local(2026, 2, 2, 9)));
    }

    [Fact]
    public void Weekly_handoff_stays_at_nine_local_across_the_spring_change_and_that_week_lasts_167_hours()
    {
        var layer = Weekly(FirstMonday, "anna", "bram", "cem");

        Assert.Equal(Instant.FromUtc(2026, 3, 23, 8, 0), layer.Handoff(11)); // 09:00 CET
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 7, 0), layer.Handoff(12)); // 09:00 CEST
        Assert.Equal(new LocalDateTime(2026, 3, 30, 9, 0), RotaTime.ToLocal(layer.Handoff(12)));

        var shifts = Resolver([layer]).Shifts(Local(2026, 3, 16, 9), Local(2026, 4, 6, 9));
        Assert.Equal(
            [("bram", Local(2026, 3, 16, 9), Local(2026, 3, 23, 9)), ("cem", Local(2026, 3, 23, 9), Local(2026, 3, 30, 9)),
             ("anna", Local(2026, 3, 30, 9), Local(2026, 4, 6, 9))],
            shifts.Flat());
        Assert.Equal(Duration.FromHours(168), shifts[0].Interval.Duration);
        Assert.Equal(Duration.FromHours(167), shifts[1].Interval.Duration);
        Assert.Equal(Duration.FromHours(168), shifts[2].Interval.Duration);
    }

    [Fact]
    public void Weekly_handoff_stays_at_nine_local_across_the_autumn_change_and_that_week_lasts_169_hours()
    {
        var layer = Weekly(FirstMonday, "anna", "bram", "cem");

        Assert.Equal(Instant.FromUtc(2026, 10, 19, 7, 0), layer.Handoff(41)); // 09:00 CEST
        Assert.Equal(Instant.FromUtc(2026, 10, 26, 8, 0), layer.Handoff(42)); // 09:00 CET
        Assert.Equal(new LocalDateTime(2026, 10, 26, 9, 0), RotaTime.ToLocal(layer.Handoff(42)));

        var shifts = Resolver([layer]).Shifts(Local(2026, 10, 19, 9), Local(2026, 10, 26, 9));
        var week = Assert.Single(shifts);
        Assert.Equal("cem", week.MemberId); // turn 41: 41 % 3 = 2
        Assert.Equal(Duration.FromHours(169), week.Interval.Duration);
    }

    [Fact]
    public void Daily_rotation_hands_off_at_eight_local_so_the_days_of_the_changes_last_23_and_25_hours()
    {
        var resolver = Resolver([new Layer("daily", ["anna", "bram"], new LocalDate(2026, 1, 1), new LocalTime(8, 0), RotationLength.OfDays(1))]);

        var spring = resolver.Shifts(Local(2026, 3, 28, 8), Local(2026, 3, 30, 8));
        Assert.Equal([Local(2026, 3, 28, 8), Local(2026, 3, 29, 8)], spring.Select(s => s.Interval.Start));
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 6, 0), spring[1].Interval.Start); // 08:00 CEST
        Assert.Equal([Duration.FromHours(23), Duration.FromHours(24)], spring.Select(s => s.Interval.Duration));

        var autumn = resolver.Shifts(Local(2026, 10, 24, 8), Local(2026, 10, 26, 8));
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 7, 0), autumn[1].Interval.Start); // 08:00 CET
        Assert.Equal([Duration.FromHours(25), Duration.FromHours(24)], autumn.Select(s => s.Interval.Duration));
        Assert.Equal(["anna", "bram"], autumn.Select(s => s.MemberId)); // 24 October is turn 296: anna
    }

    [Fact]
    public void Twelve_hour_rotation_from_21_00_hands_off_at_21_00_and_09_00_local_so_the_night_of_the_changes_lasts_11_and_13_hours()
    {
        var layer = new Layer("nights and days", ["anna", "bram"], new LocalDate(2026, 3, 1), new LocalTime(21, 0), RotationLength.OfHours(12));
        var resolver = Resolver([layer]);

        var spring = resolver.Shifts(Local(2026, 3, 28, 9), Local(2026, 3, 29, 21));
        Assert.Equal([Local(2026, 3, 28, 9), Local(2026, 3, 28, 21), Local(2026, 3, 29, 9)], spring.Select(s => s.Interval.Start));
        Assert.Equal([Duration.FromHours(12), Duration.FromHours(11), Duration.FromHours(12)], spring.Select(s => s.Interval.Duration));
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 7, 0), spring[2].Interval.Start);

        var autumn = resolver.Shifts(Local(2026, 10, 24, 21), Local(2026, 10, 25, 21));
        Assert.Equal([Duration.FromHours(13), Duration.FromHours(12)], autumn.Select(s => s.Interval.Duration));
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 8, 0), autumn[1].Interval.Start); // 09:00 CET
        Assert.All(autumn.Concat(spring), s => Assert.Contains(RotaTime.ToLocal(s.Interval.Start).TimeOfDay, new[] { new LocalTime(9, 0), new LocalTime(21, 0) }));
    }

    [Fact]
    public void A_handoff_time_the_spring_change_skips_happens_an_hour_later_in_summer_time()
    {
        // 02:30 does not exist on 29 March 2026: the clock goes from 02:00 straight to 03:00.
        var layer = new Layer("small hours", ["anna", "bram"], new LocalDate(2026, 3, 27), new LocalTime(2, 30), RotationLength.OfDays(1));

        Assert.Equal(Instant.FromUtc(2026, 3, 28, 1, 30), layer.Handoff(1)); // 02:30 CET
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), layer.Handoff(2)); // 03:30 CEST
        Assert.Equal(new LocalDateTime(2026, 3, 29, 3, 30), RotaTime.ToLocal(layer.Handoff(2)));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 0, 30), layer.Handoff(3)); // 02:30 CEST

        Assert.Equal("bram", layer.ParticipantAt(Instant.FromUtc(2026, 3, 29, 1, 29)));
        Assert.Equal("anna", layer.ParticipantAt(Instant.FromUtc(2026, 3, 29, 1, 30)));
    }

    [Fact]
    public void A_handoff_time_the_autumn_change_repeats_happens_the_first_time()
    {
        // 02:30 happens twice on 25 October 2026: at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
        var layer = new Layer("small hours", ["anna", "bram"], new LocalDate(2026, 10, 24), new LocalTime(2, 30), RotationLength.OfDays(1));

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), layer.Handoff(1));
        Assert.Equal("anna", layer.ParticipantAt(Instant.FromUtc(2026, 10, 25, 0, 29)));
        Assert.Equal("bram", layer.ParticipantAt(Instant.FromUtc(2026, 10, 25, 0, 30)));
        Assert.Equal("bram", layer.ParticipantAt(Instant.FromUtc(2026, 10, 25, 1, 30))); // the second 02:30 is no handoff
        Assert.Equal(Duration.FromHours(25), layer.Handoff(2) - layer.Handoff(1));
    }

    [Fact]
    public void Before_the_layers_start_date_nobody_is_on_call()
    {
        var layer = Weekly(new LocalDate(2026, 3, 2), "anna", "bram");
        var resolver = Resolver([layer]);

        Assert.Equal(-1, layer.TurnAt(Local(2026, 3, 2, 8, 59)));
        Assert.Null(layer.ParticipantAt(Local(2026, 3, 2, 8, 59)));
        Assert.Null(resolver.At(Local(2026, 1, 1, 0)));
        Assert.Null(resolver.At(Local(2026, 3, 2, 8, 59)));
        Assert.Equal("anna", resolver.Who(Local(2026, 3, 2, 9)));

        Assert.Equal(
            [(null, Local(2026, 2, 23, 0), Local(2026, 3, 2, 9)), ("anna", Local(2026, 3, 2, 9), Local(2026, 3, 5, 0))],
            resolver.Shifts(Local(2026, 2, 23, 0), Local(2026, 3, 5, 0)).Flat());
    }
}
