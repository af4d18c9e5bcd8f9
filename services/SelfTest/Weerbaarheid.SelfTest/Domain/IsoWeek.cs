using NodaTime;
using NodaTime.Calendars;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>
/// The only time a self-test keeps: the ISO week (e.g. "2026-W48") in Amsterdam. A week cannot tell
/// who sat at a screen at what moment; a date or a time could be matched against other logs.
/// </summary>
public readonly record struct IsoWeek(int WeekYear, int Week)
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    public static IsoWeek Of(LocalDate date) =>
        new(WeekYearRules.Iso.GetWeekYear(date), WeekYearRules.Iso.GetWeekOfWeekYear(date));

    public static IsoWeek At(Instant instant) => Of(instant.InZone(Amsterdam).Date);

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W'
            || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, null, out var year)
            || !int.TryParse(text.AsSpan(6, 2), System.Globalization.NumberStyles.None, null, out var number)
            || year < 2000 || number < 1 || number > WeekYearRules.Iso.GetWeeksInWeekYear(year, CalendarSystem.Iso))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    /// <summary>The Monday that starts this week.</summary>
    public LocalDate Monday => WeekYearRules.Iso.GetLocalDate(WeekYear, Week, IsoDayOfWeek.Monday);

    public IsoWeek Plus(int weeks) => Of(Monday.PlusWeeks(weeks));

    public override string ToString() => $"{WeekYear:D4}-W{Week:D2}";
}
