using System.Globalization;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>A region's primary or backup schedule, <c>regions/{region}/schedules/{primary|backup}</c>: its layers, bottom first.</summary>
public sealed class Schedule
{
    public Region Region { get; private set; }
    public ScheduleKind Kind { get; private set; }
    public IReadOnlyList<LayerSpec> Layers { get; private set; } = [];
    public long Version { get; private set; }
    public Instant UpdatedAt { get; private set; }

    public string Name => $"{Region.ResourceName()}/schedules/{KindSlug(Kind)}";
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    private Schedule() { }

    /// <summary>An empty schedule: every region has both from the start.</summary>
    public static Schedule Empty(Region region, ScheduleKind kind, Instant now) =>
        new() { Region = region, Kind = kind, Version = 1, UpdatedAt = now };

    /// <summary>Replaces the layers; every participant must be a member of the region; the etag must be current.</summary>
    public bool Replace(IReadOnlyList<LayerSpec> layers, string etag, IReadOnlySet<string> regionMembers, Validation validation, Instant now)
    {
        validation.Require(etag.Length > 0, "schedule.etag", "Required: the etag you last read.");
        LayerSpec.Check(validation, "schedule.layers", layers, regionMembers, Region.ResourceName());
        validation.ThrowIfInvalid();
        if (etag != Etag)
        {
            throw new EtagMismatchException(Name);
        }

        Layers = layers.Select(l => l with { DisplayName = l.DisplayName.Trim(), Days = l.Days.Distinct().Order().ToArray() }).ToArray();
        Version++;
        UpdatedAt = now;
        return true;
    }

    public IReadOnlyList<Layer> ToLayers() => Layers.Select(l => l.ToLayer()).ToArray();

    public static string KindSlug(ScheduleKind kind) => kind == ScheduleKind.Backup ? "backup" : "primary";

    /// <summary>Parses <c>regions/{region}/schedules/{primary|backup}</c>.</summary>
    public static bool TryParseName(string name, out Region region, out ScheduleKind kind)
    {
        kind = Regions.TryParseChild(name, "schedules", out region, out var id) ? id switch
        {
            "primary" => ScheduleKind.Primary,
            "backup" => ScheduleKind.Backup,
            _ => ScheduleKind.Unspecified,
        } : ScheduleKind.Unspecified;
        return kind != ScheduleKind.Unspecified;
    }
}

/// <summary>A region's rota settings, <c>regions/{region}</c>: the coordinator escalations go to.</summary>
public sealed class RegionSettings
{
    public Region Region { get; private set; }
    public string? CoordinatorId { get; private set; }
    public long Version { get; private set; }

    public string Name => Region.ResourceName();
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    private RegionSettings() { }

    public static RegionSettings Empty(Region region) => new() { Region = region, Version = 1 };

    /// <summary>Sets the coordinator, a member of this region (checked by the caller), or none.</summary>
    public bool SetCoordinator(string? memberId, string etag)
    {
        if (etag != Etag)
        {
            throw new EtagMismatchException(Name);
        }

        if (memberId == CoordinatorId)
        {
            return false;
        }

        CoordinatorId = memberId;
        Version++;
        return true;
    }
}

/// <summary>A member covering part of a schedule, <c>regions/{region}/overrides/{id}</c>.</summary>
public sealed class Override
{
    public static readonly Duration Longest = Duration.FromDays(92);

    public Guid Id { get; private set; }
    public Region Region { get; private set; }
    public ScheduleKind Schedule { get; private set; }
    public string MemberId { get; private set; } = "";
    public Instant Start { get; private set; }
    public Instant End { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid? ShiftSwapId { get; private set; }
    public Instant CreatedAt { get; private set; }

    public string Name => $"{Region.ResourceName()}/overrides/{Id:N}";

    private Override() { }

    /// <summary>Checks every field; the member must belong to the region (<paramref name="regionMembers"/>).</summary>
    public static Override Create(Region region, ScheduleKind schedule, string memberId, Instant start, Instant end, string reason,
        IReadOnlySet<string> regionMembers, Validation validation, Instant now, Guid? shiftSwapId = null)
    {
        validation.Require(schedule is ScheduleKind.Primary or ScheduleKind.Backup, "override.schedule", "Required: PRIMARY or BACKUP.");
        if (memberId.Length > 0 && !regionMembers.Contains(memberId))
        {
            validation.Add("override.member", $"members/{memberId} is not a member of {region.ResourceName()}.");
        }

        validation.Require(end > start, "override.end_time", "Must be after start_time.");
        validation.Require(end - start <= Longest, "override.end_time", "At most 92 days after start_time.");
        validation.Require(end > now, "override.end_time", "Must be in the future.");
        validation.Require(reason.Trim().Length <= 200, "override.reason", "At most 200 characters.");
        validation.ThrowIfInvalid();
        return new Override
        {
            Id = Guid.NewGuid(),
            Region = region,
            Schedule = schedule,
            MemberId = memberId,
            Start = start,
            End = end,
            Reason = reason.Trim(),
            ShiftSwapId = shiftSwapId,
            CreatedAt = now,
        };
    }

    public RotaOverride ToRotaOverride() => new(Id, Schedule, MemberId, new Interval(Start, End), CreatedAt);

    /// <summary>Parses <c>regions/{region}/overrides/{id}</c>.</summary>
    public static bool TryParseName(string name, out Region region, out Guid id)
    {
        id = Guid.Empty;
        return Regions.TryParseChild(name, "overrides", out region, out var key) && Guid.TryParseExact(key, "N", out id);
    }
}
