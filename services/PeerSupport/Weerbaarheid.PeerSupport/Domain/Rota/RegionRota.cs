using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>Who is on call in a region at one instant; null where there is a gap.</summary>
public sealed record OnCall(RotaOnCallSlot? Primary, RotaOnCallSlot? Backup, RotaMember? Coordinator);

/// <summary>A member on call and until when their piece of the schedule lasts.</summary>
public sealed record RotaOnCallSlot(RotaMember Member, Instant ShiftEnd, bool FromOverride);

/// <summary>A resolved shift with the schedule it belongs to.</summary>
public sealed record ScheduledShift(ScheduleKind Schedule, ResolvedShift Shift);

/// <summary>On-call hours of a member in a period (real elapsed time).</summary>
public sealed record MemberHours(RotaMember Member, Duration Primary, Duration Backup, Duration Unsocial);

/// <summary>
/// A region's whole rota: members, the primary and backup schedules with their overrides, and the
/// coordinator to escalate to. Everything the queries need, in plain C#.
/// </summary>
public sealed class RegionRota
{
    /// <summary>Unsocial hours run from 18:00 to 08:00 local, and all weekend.</summary>
    private static readonly LocalTime DayStart = new(8, 0);
    private static readonly LocalTime EveningStart = new(18, 0);

    public RegionRota(Region region, IReadOnlyDictionary<string, RotaMember> members, IReadOnlyList<Layer> primary,
        IReadOnlyList<Layer> backup, IReadOnlyCollection<RotaOverride> overrides, string? coordinatorId)
    {
        Region = region;
        Members = members;
        CoordinatorId = coordinatorId;
        Primary = new OnCallResolver(region, primary, overrides.Where(o => o.Schedule == ScheduleKind.Primary), members);
        Backup = new OnCallResolver(region, backup, overrides.Where(o => o.Schedule == ScheduleKind.Backup), members);
    }

    public Region Region { get; }
    public IReadOnlyDictionary<string, RotaMember> Members { get; }
    public string? CoordinatorId { get; }
    public OnCallResolver Primary { get; }
    public OnCallResolver Backup { get; }

    public OnCallResolver Resolver(ScheduleKind kind) => kind == ScheduleKind.Backup ? Backup : Primary;

    /// <summary>Primary, backup and coordinator at <paramref name="at"/>; only available members.</summary>
    public OnCall At(Instant at)
    {
        var coordinator = CoordinatorId is not null && Members.TryGetValue(CoordinatorId, out var c) && c.Active && c.Region == Region
            ? c
            : null;
        return new OnCall(Slot(Primary, at), Slot(Backup, at), coordinator);
    }

    /// <summary>The final shifts of one or both schedules in [start, end), gaps left out, by start.</summary>
    public IReadOnlyList<ScheduledShift> Shifts(Instant start, Instant end, ScheduleKind? only = null, string? memberId = null) =>
        Kinds(only)
            .SelectMany(kind => Resolver(kind).Shifts(start, end).Where(s => !s.IsGap).Select(s => new ScheduledShift(kind, s)))
            .Where(s => memberId is null || s.Shift.MemberId == memberId)
            .OrderBy(s => s.Shift.Interval.Start).ThenBy(s => s.Schedule)
            .ToList();

    /// <summary>Intervals in [start, end) where a schedule has nobody available, by start.</summary>
    public IReadOnlyList<ScheduledShift> Gaps(Instant start, Instant end) =>
        Kinds(null)
            .SelectMany(kind => Resolver(kind).Shifts(start, end).Where(s => s.IsGap).Select(s => new ScheduledShift(kind, s)))
            .OrderBy(s => s.Shift.Interval.Start).ThenBy(s => s.Schedule)
            .ToList();

    /// <summary>Hours on call per member of the region in [start, end), most hours first.</summary>
    public IReadOnlyList<MemberHours> Fairness(Instant start, Instant end)
    {
        var hours = Members.Values.Where(m => m.Region == Region)
            .ToDictionary(m => m.Id, m => new MemberHours(m, Duration.Zero, Duration.Zero, Duration.Zero));
        foreach (var (kind, shift) in Shifts(start, end))
        {
            if (!hours.TryGetValue(shift.MemberId!, out var line))
            {
                continue;
            }

            hours[shift.MemberId!] = line with
            {
                Primary = line.Primary + (kind == ScheduleKind.Primary ? shift.Interval.Duration : Duration.Zero),
                Backup = line.Backup + (kind == ScheduleKind.Backup ? shift.Interval.Duration : Duration.Zero),
                Unsocial = line.Unsocial + UnsocialPart(shift.Interval),
            };
        }

        return hours.Values.OrderByDescending(h => h.Primary + h.Backup).ThenBy(h => h.Member.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The part of an interval that falls in the evening, at night or in the weekend (local time).</summary>
    public static Duration UnsocialPart(Interval interval)
    {
        var total = Duration.Zero;
        var cursor = interval.Start;
        while (cursor < interval.End)
        {
            var local = RotaTime.ToLocal(cursor);
            var next = Instant.Min(interval.End, RotaTime.ToInstant(NextBoundary(local)));
            if (next <= cursor)
            {
                next = interval.End; // cannot happen with the boundaries below; guards against a loop
            }

            if (IsUnsocial(local))
            {
                total += next - cursor;
            }

            cursor = next;
        }

        return total;
    }

    private static bool IsUnsocial(LocalDateTime local) =>
        local.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday
        || local.TimeOfDay < DayStart || local.TimeOfDay >= EveningStart;

    private static LocalDateTime NextBoundary(LocalDateTime local)
    {
        var date = local.Date;
        if (local.TimeOfDay < DayStart)
        {
            return date.At(DayStart);
        }

        return local.TimeOfDay < EveningStart ? date.At(EveningStart) : date.PlusDays(1).AtMidnight();
    }

    private RotaOnCallSlot? Slot(OnCallResolver resolver, Instant at)
    {
        if (resolver.At(at) is not { } slot || !Members.TryGetValue(slot.MemberId, out var member))
        {
            return null;
        }

        // Where this piece of the schedule ends: look ahead at most 32 days.
        var pieces = resolver.Shifts(at, at + Duration.FromDays(32));
        var end = pieces.Count > 0 && pieces[0].MemberId == slot.MemberId ? pieces[0].Interval.End : at + Duration.FromDays(32);
        return new RotaOnCallSlot(member, end, slot.FromOverride);
    }

    private static IEnumerable<ScheduleKind> Kinds(ScheduleKind? only) =>
        only is ScheduleKind.Primary or ScheduleKind.Backup ? [only.Value] : [ScheduleKind.Primary, ScheduleKind.Backup];
}
