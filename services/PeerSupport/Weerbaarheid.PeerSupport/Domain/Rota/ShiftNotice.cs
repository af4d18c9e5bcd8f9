using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>
/// A planned handoff notice: <see cref="MemberId"/> starts on call at <see cref="ShiftStart"/>, to be
/// told at <see cref="FireAt"/>. Stored, so a restart loses none; (member, schedule, start) is unique, so
/// planning twice plans once; <see cref="FiredAt"/> is set by exactly one replica, so it fires once.
/// </summary>
public sealed class ShiftNotice
{
    public Guid Id { get; private set; }
    public Region Region { get; private set; }
    public ScheduleKind Schedule { get; private set; }
    public string MemberId { get; private set; } = "";
    public Instant ShiftStart { get; private set; }
    public Instant ShiftEnd { get; private set; }
    public Instant FireAt { get; private set; }
    public Instant? FiredAt { get; private set; }
    /// <summary>False when, at firing time, the member was no longer on call then (the rota changed).</summary>
    public bool Sent { get; private set; }

    private ShiftNotice() { }

    public static ShiftNotice Plan(Region region, ScheduleKind schedule, string memberId, Interval shift, Duration lead) => new()
    {
        Id = Guid.NewGuid(),
        Region = region,
        Schedule = schedule,
        MemberId = memberId,
        ShiftStart = shift.Start,
        ShiftEnd = shift.End,
        FireAt = shift.Start - lead,
    };
}

/// <summary>A coverage gap already reported, so the same gap is reported once.</summary>
public sealed class ReportedGap
{
    public Guid Id { get; private set; }
    public Region Region { get; private set; }
    public ScheduleKind Schedule { get; private set; }
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public Instant ReportedAt { get; private set; }

    private ReportedGap() { }

    public static ReportedGap Of(Region region, ScheduleKind schedule, Interval gap, Instant now) =>
        new() { Id = Guid.NewGuid(), Region = region, Schedule = schedule, Start = gap.Start, End = gap.End, ReportedAt = now };

    public bool Overlaps(ScheduleKind schedule, Interval gap) => Schedule == schedule && Start < gap.End && gap.Start < End;
}
