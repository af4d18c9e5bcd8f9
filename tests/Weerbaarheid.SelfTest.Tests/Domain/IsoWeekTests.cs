using NodaTime;
using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>The only time a self-test keeps is its ISO week, which runs across calendar years.</summary>
public sealed class IsoWeekTests
{
    [Theory]
    [InlineData(2026, 12, 31, "2026-W53")]
    [InlineData(2027, 1, 1, "2026-W53")]
    [InlineData(2027, 1, 3, "2026-W53")]
    [InlineData(2027, 1, 4, "2027-W01")]
    [InlineData(2024, 12, 29, "2024-W52")]
    [InlineData(2024, 12, 30, "2025-W01")]
    [InlineData(2025, 1, 1, "2025-W01")]
    [InlineData(2026, 1, 1, "2026-W01")]
    [InlineData(2025, 12, 29, "2026-W01")]
    [InlineData(2021, 1, 3, "2020-W53")]
    [InlineData(2026, 3, 2, "2026-W10")]
    public void The_week_of_a_date_is_its_iso_week(int year, int month, int day, string week)
    {
        Assert.Equal(week, IsoWeek.Of(new LocalDate(year, month, day)).ToString());
    }

    [Theory]
    [InlineData("2026-12-31T22:59:59Z", "2026-W53")]
    [InlineData("2027-01-03T22:59:59Z", "2026-W53")]
    [InlineData("2027-01-03T23:00:00Z", "2027-W01")]
    [InlineData("2026-03-29T21:59:59Z", "2026-W13")]
    [InlineData("2026-03-29T22:00:00Z", "2026-W14")]
    public void The_week_of_a_moment_is_taken_in_amsterdam(string instant, string week)
    {
        var moment = NodaTime.Text.InstantPattern.General.Parse(instant).Value;

        Assert.Equal(week, IsoWeek.At(moment).ToString());
    }

    [Theory]
    [InlineData("2026-W01", 2026, 1)]
    [InlineData("2026-W53", 2026, 53)]
    [InlineData("2025-W52", 2025, 52)]
    [InlineData("2020-W53", 2020, 53)]
    [InlineData("2000-W01", 2000, 1)]
    public void A_well_formed_week_is_parsed(string text, int year, int number)
    {
        Assert.True(IsoWeek.TryParse(text, out var week));
        Assert.Equal(new IsoWeek(year, number), week);
        Assert.Equal(text, week.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-W00")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")]
    [InlineData("1999-W01")]
    [InlineData("2026-W1")]
    [InlineData("2026-W001")]
    [InlineData("2026W01")]
    [InlineData("2026-w01")]
    [InlineData("2026 W01")]
    [InlineData("2026-01")]
    [InlineData(" 2026-W01")]
    [InlineData("2026-W01 ")]
    [InlineData("+026-W01")]
    [InlineData("2026-W+1")]
    [InlineData("2026-W-1")]
    [InlineData("20a6-W01")]
    [InlineData("2026-12-31")]
    public void Bad_text_is_not_a_week(string? text)
    {
        Assert.False(IsoWeek.TryParse(text, out var week));
        Assert.Equal(default, week);
    }

    [Fact]
    public void A_week_starts_on_monday_and_adds_across_years()
    {
        var week53 = new IsoWeek(2026, 53);

        Assert.Equal(new LocalDate(2026, 12, 28), week53.Monday);
        Assert.Equal(new IsoWeek(2027, 1), week53.Plus(1));
        Assert.Equal(new IsoWeek(2026, 52), week53.Plus(-1));
        Assert.Equal(new IsoWeek(2025, 1), new IsoWeek(2024, 52).Plus(1));
        Assert.Equal(new LocalDate(2024, 12, 30), new IsoWeek(2025, 1).Monday);
    }
}
