using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>A region's rota with the full profiles of its members.</summary>
public sealed record LoadedRota(RegionRota Rota, IReadOnlyDictionary<string, Member> Members);

/// <summary>
/// The rota as stored: loads a region's <see cref="RegionRota"/> for the queries, and applies the
/// domain's changes, each saved together with a <see cref="RotaChanged"/> event (outbox).
/// </summary>
public sealed class RotaStore(PeerSupportDbContext db, IClock clock)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>
    /// Everything that decides who is on call in a region, and the members' profiles (how to reach them);
    /// overrides that ended before <paramref name="from"/> are left out.
    /// </summary>
    public async Task<LoadedRota> LoadAsync(Region region, Instant from, CancellationToken cancellationToken)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.Region == region).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).ToList();
        var certificates = (await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.EmployeeId)).ToListAsync(cancellationToken))
            .ToLookup(c => c.EmployeeId);
        var schedules = await db.Schedules.AsNoTracking().Where(s => s.Region == region).ToListAsync(cancellationToken);
        var overrides = await db.Overrides.AsNoTracking().Where(o => o.Region == region && o.End > from).ToListAsync(cancellationToken);
        var settings = await db.RegionSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Region == region, cancellationToken);
        return new LoadedRota(new RegionRota(
            region,
            members.ToDictionary(m => m.Id, m => m.ToRotaMember(certificates[m.Id])),
            schedules.SingleOrDefault(s => s.Kind == ScheduleKind.Primary)?.ToLayers() ?? [],
            schedules.SingleOrDefault(s => s.Kind == ScheduleKind.Backup)?.ToLayers() ?? [],
            overrides.Select(o => o.ToRotaOverride()).ToList(),
            settings?.CoordinatorId), members.ToDictionary(m => m.Id));
    }

    // ---- members ----

    public async Task<Member> CreateMemberAsync(string id, Region region, MemberProfile profile, CancellationToken cancellationToken)
    {
        var member = Member.Create(id, region, profile, Now);
        if (await db.Members.AnyAsync(m => m.Id == id, cancellationToken))
        {
            throw new AlreadyExistsException(member.Name);
        }

        db.Members.Add(member);
        Changed(region, $"{member.Name} joined");
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    public async Task<Member> GetMemberAsync(string id, CancellationToken cancellationToken) =>
        await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
        ?? throw new NotFoundException(Member.CollectionPrefix + id);

    public async Task<Member> FindMemberForChangeAsync(string id, CancellationToken cancellationToken) =>
        await db.Members.SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
        ?? throw new NotFoundException(Member.CollectionPrefix + id);

    public async Task<(IReadOnlyList<Member> Members, string NextPageToken)> ListMembersAsync(
        Region region, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize >= 0, "page_size", "Must not be negative.");
        var fingerprint = $"members|{region.Slug()}";
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        validation.ThrowIfInvalid();

        var size = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var query = db.Members.AsNoTracking().Where(m => m.Region == region);
        if (after is not null)
        {
            query = query.Where(m => string.Compare(m.Id, after) > 0);
        }

        var fetched = await query.OrderBy(m => m.Id).Take(size + 1).ToListAsync(cancellationToken);
        return PageTokens.Page(fetched, size, m => m.Id, fingerprint);
    }

    public async Task<Member> UpdateMemberAsync(Member member, MemberProfile incoming, IReadOnlyCollection<string> paths, string etag,
        CancellationToken cancellationToken)
    {
        if (member.Update(incoming, paths, etag, Now))
        {
            Changed(member.Region, $"{member.Name} changed");
            await db.SaveChangesAsync(cancellationToken);
        }

        return member;
    }

    public async Task<TcoCertificate> RecordCertificateAsync(Member member, Instant validFrom, Instant validUntil, string note,
        CancellationToken cancellationToken)
    {
        var certificate = TcoCertificate.Manual(member.Id, validFrom, validUntil, note, Now);
        db.Certificates.Add(certificate);
        Changed(member.Region, $"{member.Name} certificate recorded");
        await db.SaveChangesAsync(cancellationToken);
        return certificate;
    }

    /// <summary>The certificates of one member, valid or not.</summary>
    public async Task<IReadOnlyList<TcoCertificate>> CertificatesAsync(string memberId, CancellationToken cancellationToken) =>
        await db.Certificates.AsNoTracking().Where(c => c.EmployeeId == memberId).ToListAsync(cancellationToken);

    /// <summary>The certificates of several members, by member.</summary>
    public async Task<ILookup<string, TcoCertificate>> CertificatesAsync(IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken) =>
        (await db.Certificates.AsNoTracking().Where(c => memberIds.Contains(c.EmployeeId)).ToListAsync(cancellationToken))
        .ToLookup(c => c.EmployeeId);

    /// <summary>The ids of a region's members, to check participants, overrides and coordinators against.</summary>
    public async Task<IReadOnlySet<string>> MemberIdsAsync(Region region, CancellationToken cancellationToken) =>
        await db.Members.Where(m => m.Region == region).Select(m => m.Id).ToHashSetAsync(cancellationToken);

    // ---- region settings and schedules ----

    public async Task<RegionSettings> GetRegionAsync(Region region, CancellationToken cancellationToken) =>
        await db.RegionSettings.AsNoTracking().SingleOrDefaultAsync(r => r.Region == region, cancellationToken)
        ?? Domain.Rota.RegionSettings.Empty(region);

    public async Task<RegionSettings> SetCoordinatorAsync(Region region, string? coordinatorId, string etag, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(etag.Length > 0, "region.etag", "Required: the etag you last read.");
        if (coordinatorId is not null && !(await MemberIdsAsync(region, cancellationToken)).Contains(coordinatorId))
        {
            validation.Add("region.coordinator", $"members/{coordinatorId} is not a member of {region.ResourceName()}.");
        }

        validation.ThrowIfInvalid();
        var settings = await db.RegionSettings.SingleOrDefaultAsync(r => r.Region == region, cancellationToken);
        if (settings is null)
        {
            settings = Domain.Rota.RegionSettings.Empty(region);
            db.RegionSettings.Add(settings);
        }

        if (settings.SetCoordinator(coordinatorId, etag))
        {
            Changed(region, "coordinator changed");
            await db.SaveChangesAsync(cancellationToken);
        }

        return settings;
    }

    public async Task<Schedule> GetScheduleAsync(Region region, ScheduleKind kind, CancellationToken cancellationToken) =>
        await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Region == region && s.Kind == kind, cancellationToken)
        ?? Schedule.Empty(region, kind, Now);

    public async Task<Schedule> ReplaceLayersAsync(Region region, ScheduleKind kind, IReadOnlyList<LayerSpec> layers, string etag,
        Validation validation, CancellationToken cancellationToken)
    {
        var members = await MemberIdsAsync(region, cancellationToken);
        var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Region == region && s.Kind == kind, cancellationToken);
        if (schedule is null)
        {
            schedule = Schedule.Empty(region, kind, Now);
            db.Schedules.Add(schedule);
        }

        schedule.Replace(layers, etag, members, validation, Now);
        Changed(region, $"{Schedule.KindSlug(kind)} schedule changed");
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    // ---- overrides ----

    public async Task<Override> CreateOverrideAsync(Region region, ScheduleKind schedule, string memberId, Instant start, Instant end,
        string reason, Validation validation, CancellationToken cancellationToken)
    {
        var members = await MemberIdsAsync(region, cancellationToken);
        var created = Override.Create(region, schedule, memberId, start, end, reason, members, validation, Now);
        db.Overrides.Add(created);
        Changed(region, $"override {created.Name}");
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    public async Task<(IReadOnlyList<Override> Overrides, string NextPageToken)> ListOverridesAsync(
        Region region, Instant endAfter, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize >= 0, "page_size", "Must not be negative.");
        var fingerprint = $"overrides|{region.Slug()}|{endAfter.ToUnixTimeTicks()}";
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        validation.ThrowIfInvalid();

        var size = pageSize == 0 ? 100 : Math.Min(pageSize, 500);
        var overrides = await db.Overrides.AsNoTracking().Where(o => o.Region == region && o.End > endAfter).ToListAsync(cancellationToken);
        // Ordered in memory by (start, id): a region has a few hundred live overrides at most.
        var ordered = overrides.OrderBy(o => o.Start).ThenBy(o => o.Id).ToList();
        var skip = after is null ? 0 : ordered.FindIndex(o => o.Id.ToString("N") == after) + 1;
        return PageTokens.Page(ordered.Skip(skip).Take(size + 1).ToList(), size, o => o.Id.ToString("N"), fingerprint);
    }

    public async Task DeleteOverrideAsync(Region region, Guid id, string name, CancellationToken cancellationToken)
    {
        var existing = await db.Overrides.SingleOrDefaultAsync(o => o.Region == region && o.Id == id, cancellationToken)
                       ?? throw new NotFoundException(name);
        db.Overrides.Remove(existing);
        Changed(region, $"override {name} removed");
        await db.SaveChangesAsync(cancellationToken);
    }

    // ---- shift swaps ----

    public async Task<ShiftSwap> RequestShiftSwapAsync(Region region, ScheduleKind schedule, string requestedBy, Instant start, Instant end,
        string note, Validation validation, CancellationToken cancellationToken)
    {
        var (rota, _) = await LoadAsync(region, start, cancellationToken);
        var swap = ShiftSwap.Request(rota, schedule, requestedBy, start, end, note, validation, Now);
        db.ShiftSwaps.Add(swap);
        db.Publish(new ShiftSwapRequested(swap.Name, region.ResourceName(), schedule.ToString().ToUpperInvariant(),
            Member.CollectionPrefix + requestedBy, start.ToDateTimeOffset(), end.ToDateTimeOffset()));
        await db.SaveChangesAsync(cancellationToken);
        return swap;
    }

    public async Task<ShiftSwap> FindShiftSwapAsync(Region region, Guid id, string name, CancellationToken cancellationToken) =>
        await db.ShiftSwaps.SingleOrDefaultAsync(s => s.Region == region && s.Id == id, cancellationToken)
        ?? throw new NotFoundException(name);

    public async Task<ShiftSwap> TakeShiftSwapAsync(ShiftSwap swap, string takerId, CancellationToken cancellationToken)
    {
        var (rota, _) = await LoadAsync(swap.Region, swap.Start, cancellationToken);
        var taker = rota.Members.GetValueOrDefault(takerId)
                    ?? throw new PreconditionFailedException($"members/{takerId} is not a member of {swap.Region.ResourceName()}.");
        var cover = swap.Take(taker, rota.Members.Keys.ToHashSet(), Now);
        db.Overrides.Add(cover);
        db.Publish(new ShiftSwapCompleted(swap.Name, swap.Region.ResourceName(), swap.Schedule.ToString().ToUpperInvariant(),
            Member.CollectionPrefix + swap.RequestedBy, Member.CollectionPrefix + takerId, cover.Name,
            cover.Start.ToDateTimeOffset(), cover.End.ToDateTimeOffset()));
        Changed(swap.Region, $"swap {swap.Name} taken");
        // Two colleagues taking the same swap at once: the version check lets one win, the other gets ABORTED.
        await db.SaveChangesAsync(cancellationToken);
        return swap;
    }

    public async Task<ShiftSwap> CancelShiftSwapAsync(ShiftSwap swap, CancellationToken cancellationToken)
    {
        swap.Cancel();
        await db.SaveChangesAsync(cancellationToken);
        return swap;
    }

    public async Task<(IReadOnlyList<ShiftSwap> Swaps, string NextPageToken)> ListShiftSwapsAsync(
        Region region, ShiftSwapState? state, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Require(pageSize >= 0, "page_size", "Must not be negative.");
        var fingerprint = $"swaps|{region.Slug()}|{state}";
        var after = PageTokens.Decode(pageToken, fingerprint, validation);
        validation.ThrowIfInvalid();

        var size = pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var query = db.ShiftSwaps.AsNoTracking().Where(s => s.Region == region);
        if (state is { } only)
        {
            query = query.Where(s => s.State == only);
        }

        // Newest first; a region has few swap requests, so paging is done in memory by (created, id).
        var ordered = (await query.ToListAsync(cancellationToken)).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id).ToList();
        var skip = after is null ? 0 : ordered.FindIndex(s => s.Id.ToString("N") == after) + 1;
        return PageTokens.Page(ordered.Skip(skip).Take(size + 1).ToList(), size, s => s.Id.ToString("N"), fingerprint);
    }

    // ---- calendar feed ----

    /// <summary>The member's calendar secret, made on first use.</summary>
    public async Task<CalendarSecret> CalendarSecretAsync(string memberId, bool rotate, CancellationToken cancellationToken)
    {
        var secret = await db.CalendarSecrets.SingleOrDefaultAsync(s => s.MemberId == memberId, cancellationToken);
        if (secret is null)
        {
            secret = CalendarSecret.For(memberId, Now);
            db.CalendarSecrets.Add(secret);
        }
        else if (rotate)
        {
            secret.Rotate(Now);
        }
        else
        {
            return secret;
        }

        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    public async Task<Member?> FindMemberByCalendarSecretAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is < 40 or > 64)
        {
            return null;
        }

        var memberId = await db.CalendarSecrets.Where(s => s.Secret == secret).Select(s => s.MemberId).SingleOrDefaultAsync(cancellationToken);
        return memberId is null ? null : await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
    }

    private void Changed(Region region, string change) =>
        db.Publish(new RotaChanged(region.ResourceName(), change, Now.ToDateTimeOffset()));
}
