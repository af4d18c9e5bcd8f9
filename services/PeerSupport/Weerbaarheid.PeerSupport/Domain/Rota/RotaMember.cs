using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>
/// A member as the rota sees them: on call only while active, in the schedule's region and holding a
/// valid TCO certificate (<see cref="Qualifications"/>: the certificates' validity intervals).
/// </summary>
public sealed record RotaMember(string Id, string DisplayName, Region Region, bool Active, IReadOnlyList<Interval> Qualifications)
{
    public bool IsAvailable(Region region, Instant at)
    {
        if (!Active || Region != region)
        {
            return false;
        }

        foreach (var qualification in Qualifications)
        {
            if (qualification.Contains(at))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A member covering a schedule over an interval, above every layer; of overlapping overrides the latest wins.</summary>
public sealed record RotaOverride(Guid Id, ScheduleKind Schedule, string MemberId, Interval Interval, Instant CreatedAt);

public enum ScheduleKind
{
    Unspecified = 0,
    Primary = 1,
    Backup = 2,
}

/// <summary>Who is on a schedule over an interval; <see cref="MemberId"/> is null for a coverage gap.</summary>
public sealed record ResolvedShift(string? MemberId, Interval Interval, bool FromOverride)
{
    public bool IsGap => MemberId is null;
}
