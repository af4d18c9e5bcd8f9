using System.Globalization;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

public enum ShiftSwapState
{
    Unspecified = 0,
    Open = 1,
    Taken = 2,
    Cancelled = 3,
}

/// <summary>
/// A member's request to hand (part of) their shift to a colleague, <c>regions/{region}/shiftSwaps/{id}</c>.
/// Open until a qualified colleague of the region takes it (it then becomes an override) or it is cancelled.
/// </summary>
public sealed class ShiftSwap
{
    public static readonly Duration Longest = Duration.FromDays(31);

    public Guid Id { get; private set; }
    public Region Region { get; private set; }
    public ScheduleKind Schedule { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public string Note { get; private set; } = "";
    public ShiftSwapState State { get; private set; }
    public string? TakenBy { get; private set; }
    public Guid? OverrideId { get; private set; }
    public Instant CreatedAt { get; private set; }
    public long Version { get; private set; }

    public string Name => NameOf(Region, Id);
    public Interval Interval => new(Start, End);

    private ShiftSwap() { }

    public static string NameOf(Region region, Guid id) => $"{region.ResourceName()}/shiftSwaps/{id:N}";

    /// <summary>Checks the fields, and that the requester is on call for the whole interval.</summary>
    public static ShiftSwap Request(RegionRota rota, ScheduleKind schedule, string requestedBy, Instant start, Instant end, string note,
        Validation validation, Instant now)
    {
        validation.Require(schedule is ScheduleKind.Primary or ScheduleKind.Backup, "shift_swap.schedule", "Required: PRIMARY or BACKUP.");
        validation.Require(end > start, "shift_swap.end_time", "Must be after start_time.");
        validation.Require(end - start <= Longest, "shift_swap.end_time", "At most 31 days after start_time.");
        validation.Require(start >= now - Duration.FromMinutes(5), "shift_swap.start_time", "Must not be in the past.");
        validation.Require(note.Trim().Length <= 200, "shift_swap.note", "At most 200 characters.");
        validation.ThrowIfInvalid();

        var pieces = rota.Resolver(schedule).Shifts(start, end);
        if (pieces.Any(p => p.MemberId != requestedBy))
        {
            throw new PreconditionFailedException(
                $"members/{requestedBy} is not on call for the whole interval on the {schedule.ToString().ToLowerInvariant()} schedule; " +
                "ask for a swap of (part of) one of your own shifts.");
        }

        return new ShiftSwap
        {
            Id = Guid.NewGuid(),
            Region = rota.Region,
            Schedule = schedule,
            RequestedBy = requestedBy,
            Start = start,
            End = end,
            Note = note.Trim(),
            State = ShiftSwapState.Open,
            CreatedAt = now,
            Version = 1,
        };
    }

    /// <summary>
    /// A colleague takes the shift: they must be someone else, available (active, in the region, certified)
    /// for the whole interval, and the swap must still be open and not started. Returns the override that covers it.
    /// </summary>
    public Override Take(RotaMember taker, IReadOnlySet<string> regionMembers, Instant now)
    {
        if (State != ShiftSwapState.Open)
        {
            throw new PreconditionFailedException($"{Name} is {State.ToString().ToLowerInvariant()}, not open.");
        }

        if (taker.Id == RequestedBy)
        {
            throw new PreconditionFailedException("You cannot take your own swap request.");
        }

        if (End <= now)
        {
            throw new PreconditionFailedException($"{Name} is over.");
        }

        if (!taker.IsAvailable(Region, Start) || !taker.Qualifications.Any(q => q.Start <= Start && q.End >= End))
        {
            throw new PreconditionFailedException(
                $"members/{taker.Id} must be active, in {Region.ResourceName()} and certified for the whole interval to take it.");
        }

        var cover = Override.Create(Region, Schedule, taker.Id, Instant.Max(Start, now), End, $"Ruil met members/{RequestedBy}",
            regionMembers, new Validation(), now, Id);
        State = ShiftSwapState.Taken;
        TakenBy = taker.Id;
        OverrideId = cover.Id;
        Version++;
        return cover;
    }

    public void Cancel()
    {
        if (State != ShiftSwapState.Open)
        {
            throw new PreconditionFailedException($"{Name} is {State.ToString().ToLowerInvariant()}; only an open request can be cancelled.");
        }

        State = ShiftSwapState.Cancelled;
        Version++;
    }

    /// <summary>Parses <c>regions/{region}/shiftSwaps/{id}</c>.</summary>
    public static bool TryParseName(string name, out Region region, out Guid id)
    {
        id = Guid.Empty;
        return Regions.TryParseChild(name, "shiftSwaps", out region, out var key) && Guid.TryParseExact(key, "N", out id);
    }

    public string Etag => Version.ToString(CultureInfo.InvariantCulture);
}
