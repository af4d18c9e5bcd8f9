using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

public sealed class RestrictionTests
{
    private static readonly IsoDayOfWeek[] Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly TimeWindow Night = new(new LocalTime(18, 0), new LocalTime(8, 0));

    private static Layer Daily(string participant, IReadOnlyCollection<IsoDayOfWeek>? days = null, params TimeWindow[] windows) =>
        new("restricted", [participant], new LocalDate(2026, 1, 1), new LocalTime(8, 0), RotationLength.OfDays(1), days, windows);

    [Fact]
    public void A_weekdays_only_layer_covers_monday_to_friday_midnight_to_midnight()
    {
        var resolver = Resolver([Daily("anna", Weekdays)]);

        Assert.Equal("anna", resolver.Who(Local(2026, 3, 6, 23, 59))); // Friday
        Assert.Null(resolver.At(Local(2026, 3, 7, 0, 0)));
        Assert.Null(resolver.At(Local(2026, 3, 8, 23, 59)));
        Assert.Equal("anna", resolver.Who(Local(2026, 3, 9, 0, 0))); // Monday
        Assert.Equal(
            [("anna", Local(2026, 3, 2, 0), Local(2026, 3, 7, 0)), (null, Local(2026, 3, 7, 0), Local(2026, 3, 9, 0))],
            resolver.Shifts(Local(2026, 3, 2, 0), Local(2026, 3, 9, 0)).Flat());
    }

    [Fact]
    public void A_friday_night_window_runs_into_saturday_morning_and_not_into_friday_morning()
    {
        var resolver = Resolver([Daily("anna", [IsoDayOfWeek.Friday], Night)]);

        Assert.Null(resolver.At(Local(2026, 3, 6, 7, 0))); // Friday morning belongs to Thursday's night
        Assert.Null(resolver.At(Local(2026, 3, 6, 17, 59)));
        Assert.Equal("anna", resolver.Who(Local(2026, 3, 6, 18, 0)));
        Assert.Equal("anna", resolver.Who(Local(2026, 3, 7, 7, 59))); // Saturday morning
        Assert.Null(resolver.At(Local(2026, 3, 7, 8, 0)));
        Assert.Null(resolver.At(Local(2026, 3, 7, 18, 0)));
        Assert.Equal(
            [(null, Local(2026, 3, 2, 0), Local(2026, 3, 6, 18)), ("anna", Local(2026, 3, 6, 18), Local(2026, 3, 7, 8)),
             (null, Local(2026, 3, 7, 8), Local(2026, 3, 9, 0))],
            resolver.Shifts(Local(2026, 3, 2, 0), Local(2026, 3, 9, 0)).Flat());
    }

    [Fact]
    public void A_saturday_night_window_over_a_clock_change_has_its_true_length()
    {
        var resolver = Resolver([Daily("anna", [IsoDayOfWeek.Saturday], Night)]);

        var spring = resolver.Shifts(Local(2026, 3, 28, 12), Local(2026, 3, 29, 12)).Single(s => !s.IsGap);
        Assert.Equal((Local(2026, 3, 28, 18), Local(2026, 3, 29, 8)), (spring.Interval.Start, spring.Interval.End));
        Assert.Equal(Duration.FromHours(13), spring.Interval.Duration);

        var autumn = resolver.Shifts(Local(2026, 10, 24, 12), Local(2026, 10, 25, 12)).Single(s => !s.IsGap);
        Assert.Equal(Duration.FromHours(15), autumn.Interval.Duration);
    }

    [Fact]
    public void A_higher_restricted_layer_wins_only_inside_its_window()
    {
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna"), Daily("bram", windows: Night)]);

        Assert.Equal("anna", resolver.Who(Local(2026, 5, 12, 12, 0)));
        Assert.Equal("anna", resolver.Who(Local(2026, 5, 12, 17, 59)));
        Assert.Equal("bram", resolver.Who(Local(2026, 5, 12, 18, 0)));
        Assert.Equal("bram", resolver.Who(Local(2026, 5, 13, 7, 59)));
        Assert.Equal("anna", resolver.Who(Local(2026, 5, 13, 8, 0)));
        Assert.Equal(
            [("anna", Local(2026, 5, 12, 8), Local(2026, 5, 12, 18)), ("bram", Local(2026, 5, 12, 18), Local(2026, 5, 13, 8)),
             ("anna", Local(2026, 5, 13, 8), Local(2026, 5, 13, 18))],
            resolver.Shifts(Local(2026, 5, 12, 8), Local(2026, 5, 13, 18)).Flat());
    }

    public static TheoryData<string, string, int, int> WindowsInTheChangingHour => new()
    {
        { "02:30", "08:00", 3, 28 },
        { "22:00", "02:30", 3, 28 },
        { "02:00", "03:00", 3, 28 },
        { "01:30", "02:30", 3, 28 },
        { "02:30", "08:00", 10, 24 },
        { "22:00", "02:30", 10, 24 },
        { "02:00", "03:00", 10, 24 },
        { "01:30", "02:30", 10, 24 },
    };

    [Theory]
    [MemberData(nameof(WindowsInTheChangingHour))]
    public void Shifts_agree_with_At_when_a_window_edge_falls_in_the_hour_a_clock_change_skips_or_repeats(
        string start, string end, int month, int saturday)
    {
        var window = new TimeWindow(LocalTimeOf(start), LocalTimeOf(end));
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna"), Daily("bram", windows: window)]);
        var from = Local(2026, month, saturday, 20);
        var to = Local(2026, month, saturday + 1, 10);

        var shifts = resolver.Shifts(from, to);

        AssertTiles(shifts, from, to);
        for (var t = from; t < to; t += Duration.FromMinutes(5))
        {
            var piece = shifts.Single(s => s.Interval.Contains(t));
            Assert.True(piece.MemberId == resolver.Who(t), $"at {t} ({RotaTime.ToLocal(t)}) Shifts says {piece.MemberId}, At says {resolver.Who(t)}");
        }
    }

    [Fact]
    public void A_window_ending_in_the_repeated_hour_ends_the_first_time_that_hour_comes_round()
    {
        // 22:00–02:30 on the night of 25 October: on from 22:00 CEST until the first 02:30, not again after the clocks go back.
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna"), Daily("bram", windows: new TimeWindow(new LocalTime(22, 0), new LocalTime(2, 30)))]);

        Assert.Equal(
            [("anna", Local(2026, 10, 24, 12), Local(2026, 10, 24, 22)), ("bram", Local(2026, 10, 24, 22), Instant.FromUtc(2026, 10, 25, 0, 30)),
             ("anna", Instant.FromUtc(2026, 10, 25, 0, 30), Local(2026, 10, 25, 12))],
            resolver.Shifts(Local(2026, 10, 24, 12), Local(2026, 10, 25, 12)).Flat());
    }

    [Fact]
    public void A_window_starting_in_the_skipped_hour_starts_when_the_handoff_rule_says_that_time_happens()
    {
        // 02:30 does not exist on 29 March; like a handoff at 02:30, the window opens at 03:30 CEST.
        var resolver = Resolver([Weekly(new LocalDate(2026, 1, 5), "anna"), Daily("bram", windows: new TimeWindow(new LocalTime(2, 30), new LocalTime(8, 0)))]);

        Assert.Equal(
            [("anna", Local(2026, 3, 29, 0), Instant.FromUtc(2026, 3, 29, 1, 30)), ("bram", Instant.FromUtc(2026, 3, 29, 1, 30), Local(2026, 3, 29, 8)),
             ("anna", Local(2026, 3, 29, 8), Local(2026, 3, 29, 12))],
            resolver.Shifts(Local(2026, 3, 29, 0), Local(2026, 3, 29, 12)).Flat());
    }

    private static LocalTime LocalTimeOf(string text) =>
        NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text).Value;
}
