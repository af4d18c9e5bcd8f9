using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>How long one participant's turn lasts, counted on the local clock (exactly one unit is set).</summary>
public sealed record RotationLength(int Weeks, int Days, int Hours)
{
    public static RotationLength OfWeeks(int weeks) => new(weeks, 0, 0);
    public static RotationLength OfDays(int days) => new(0, days, 0);
    public static RotationLength OfHours(int hours) => new(0, 0, hours);

    public Period Period => Weeks > 0 ? Period.FromWeeks(Weeks) : Days > 0 ? Period.FromDays(Days) : Period.FromHours(Hours);

    public bool IsValid =>
        (Weeks > 0 ? 1 : 0) + (Days > 0 ? 1 : 0) + (Hours > 0 ? 1 : 0) == 1
        && Weeks is >= 0 and <= 52 && Days is >= 0 and <= 366 && Hours is >= 0 and <= 168;
}

/// <summary>A daily local time window; one whose end is not after its start runs past midnight.</summary>
public sealed record TimeWindow(LocalTime Start, LocalTime End)
{
    public bool CrossesMidnight => End <= Start;
}

/// <summary>
/// One rotation: <see cref="Participants"/> take turns of <see cref="Length"/>, handing off at
/// <see cref="HandoffTime"/> local time, the first turn starting on <see cref="StartDate"/>. Handoffs are
/// wall-clock times: a weekly handoff at Monday 09:00 stays at 09:00 across daylight saving changes, so
/// the turn that contains the change is an hour shorter or longer in real time.
/// Restrictions limit when the layer applies: local weekdays and time windows (a window that crosses
/// midnight belongs to the day it starts on).
/// </summary>
public sealed class Layer
{
    private readonly LocalDateTime _firstHandoff;
    private readonly HashSet<IsoDayOfWeek> _days;

    public Layer(string displayName, IReadOnlyList<string> participants, LocalDate startDate, LocalTime handoffTime,
        RotationLength length, IReadOnlyCollection<IsoDayOfWeek>? days = null, IReadOnlyList<TimeWindow>? windows = null)
    {
        DisplayName = displayName;
        Participants = participants;
        StartDate = startDate;
        HandoffTime = handoffTime;
        Length = length;
        Days = days ?? [];
        Windows = windows ?? [];
        _firstHandoff = startDate.At(handoffTime);
        _days = [.. Days];
    }

    public string DisplayName { get; }
    public IReadOnlyList<string> Participants { get; }
    public LocalDate StartDate { get; }
    public LocalTime HandoffTime { get; }
    public RotationLength Length { get; }
    public IReadOnlyCollection<IsoDayOfWeek> Days { get; }
    public IReadOnlyList<TimeWindow> Windows { get; }

    public bool IsRestricted => Days.Count > 0 || Windows.Count > 0;

    /// <summary>The instant of handoff number <paramref name="turn"/> (0 = the first).</summary>
    public Instant Handoff(long turn) => RotaTime.ToInstant(_firstHandoff + Multiply(turn));

    /// <summary>The turn running at <paramref name="at"/>, or -1 before the first handoff.</summary>
    public long TurnAt(Instant at)
    {
        if (at < Handoff(0))
        {
            return -1;
        }

        var local = RotaTime.ToLocal(at);
        // Count whole periods on the local clock, then settle on the instant: around a DST change the
        // local estimate can be one turn off.
        var turn = Math.Max(0, EstimateTurns(local));
        while (turn > 0 && Handoff(turn) > at)
        {
            turn--;
        }

        while (Handoff(turn + 1) <= at)
        {
            turn++;
        }

        return Handoff(turn) <= at ? turn : -1;
    }

    /// <summary>Who the rotation has on at <paramref name="at"/>, ignoring restrictions; null before the first handoff.</summary>
    public string? ParticipantAt(Instant at)
    {
        var turn = TurnAt(at);
        return turn < 0 ? null : Participants[(int)(turn % Participants.Count)];
    }

    /// <summary>
    /// Whether the layer's restrictions let it apply at <paramref name="at"/>. A window is in force from the
    /// instant its start time happens until the instant its end time happens, by <see cref="RotaTime.ToInstant"/>'s
    /// rule (like a handoff): on the night the clocks go back, a window ending at 02:30 ends at the first 02:30
    /// and does not open again when 02:00–02:30 comes round once more.
    /// </summary>
    public bool AppliesAt(Instant at)
    {
        var date = RotaTime.ToLocal(at).Date;
        if (Windows.Count == 0)
        {
            return DayAllowed(date);
        }

        foreach (var window in Windows)
        {
            // In force if opened today, or yesterday when it runs past midnight.
            if (WindowCovers(window, date, at) || (window.CrossesMidnight && WindowCovers(window, date.PlusDays(-1), at)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the layer applies at this local time (a repeated time counts at its first occurrence).</summary>
    public bool AppliesAt(LocalDateTime local) => AppliesAt(RotaTime.ToInstant(local));

    /// <summary>Every instant in [start, end) at which this layer's answer may change: handoffs and restriction edges.</summary>
    public IEnumerable<Instant> ChangesBetween(Instant start, Instant end)
    {
        var turn = Math.Max(0, TurnAt(start));
        for (var handoff = Handoff(turn); handoff < end; handoff = Handoff(++turn))
        {
            if (handoff >= start)
            {
                yield return handoff;
            }
        }

        if (!IsRestricted)
        {
            yield break;
        }

        // Restriction edges fall on local midnights and window starts and ends, day by day.
        var lastDay = RotaTime.ToLocal(end).Date;
        for (var day = RotaTime.ToLocal(start).Date.PlusDays(-1); day <= lastDay; day = day.PlusDays(1))
        {
            foreach (var time in EdgeTimes())
            {
                var edge = RotaTime.ToInstant(day.At(time));
                if (edge >= start && edge < end)
                {
                    yield return edge;
                }
            }
        }
    }

    private IEnumerable<LocalTime> EdgeTimes()
    {
        yield return LocalTime.Midnight;
        foreach (var window in Windows)
        {
            yield return window.Start;
            yield return window.End;
        }
    }

    private bool DayAllowed(LocalDate date) => _days.Count == 0 || _days.Contains(date.DayOfWeek);

    private bool WindowCovers(TimeWindow window, LocalDate opening, Instant at) =>
        DayAllowed(opening)
        && RotaTime.ToInstant(opening.At(window.Start)) <= at
        && at < RotaTime.ToInstant((window.CrossesMidnight ? opening.PlusDays(1) : opening).At(window.End));

    private long EstimateTurns(LocalDateTime local) => Length switch
    {
        { Weeks: > 0 } => Period.Between(_firstHandoff, local, PeriodUnits.Weeks).Weeks / Length.Weeks,
        { Days: > 0 } => Period.Between(_firstHandoff, local, PeriodUnits.Days).Days / Length.Days,
        _ => Period.Between(_firstHandoff, local, PeriodUnits.Hours).Hours / Length.Hours,
    };

    private Period Multiply(long turn) => Length switch
    {
        { Weeks: > 0 } => Period.FromWeeks((int)(turn * Length.Weeks)),
        { Days: > 0 } => Period.FromDays((int)(turn * Length.Days)),
        _ => Period.FromHours(turn * Length.Hours),
    };
}
