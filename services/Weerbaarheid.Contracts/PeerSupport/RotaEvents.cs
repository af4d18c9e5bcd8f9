namespace Weerbaarheid.Contracts.PeerSupport;

// Events of the TCO on-call rota. Regions are resource names ("regions/amsterdam"), members
// "members/{employee number}", schedules "PRIMARY" or "BACKUP".

/// <summary>Something that decides who is on call in a region changed (members, schedules, overrides, coordinator).</summary>
public sealed record RotaChanged(string Region, string Change, DateTimeOffset ChangedAt);

/// <summary>Nobody qualified and active is on call for a schedule of a region in this interval.</summary>
public sealed record CoverageGapDetected(
    string Region,
    string Schedule,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime,
    string Cause,
    DateTimeOffset DetectedAt);

/// <summary>A member asked a colleague of the region to take (part of) a shift.</summary>
public sealed record ShiftSwapRequested(
    string ShiftSwap,
    string Region,
    string Schedule,
    string RequestedBy,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime);

/// <summary>A colleague took the shift; <paramref name="Override"/> now covers it.</summary>
public sealed record ShiftSwapCompleted(
    string ShiftSwap,
    string Region,
    string Schedule,
    string RequestedBy,
    string TakenBy,
    string Override,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime);

/// <summary>A member's shift starts soon: a handoff notice, sent once, some minutes before the start.</summary>
public sealed record ShiftStarting(
    string Member,
    string Region,
    string Schedule,
    DateTimeOffset StartTime,
    DateTimeOffset EndTime);
