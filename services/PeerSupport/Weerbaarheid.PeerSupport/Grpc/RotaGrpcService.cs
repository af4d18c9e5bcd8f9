using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.PeerSupport.Calendar;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;
using static Weerbaarheid.PeerSupport.Grpc.RotaMapper;
using Member = Weerbaarheid.PeerSupport.Domain.Members.Member;
using Override = Weerbaarheid.PeerSupport.Domain.Rota.Override;
using Region = Weerbaarheid.PeerSupport.Domain.Rota.Region;
using Schedule = Weerbaarheid.PeerSupport.Domain.Rota.Schedule;
using ScheduleKind = Weerbaarheid.PeerSupport.Domain.Rota.ScheduleKind;
using ShiftSwap = Weerbaarheid.PeerSupport.Domain.Rota.ShiftSwap;
using ShiftSwapState = Weerbaarheid.PeerSupport.Domain.Rota.ShiftSwapState;

namespace Weerbaarheid.PeerSupport.Grpc;

/// <summary>
/// weerbaarheid.peer_support.v1.RotaService: translates messages to rota calls and back. Each method
/// names its roles (ASP.NET ANDs a class-level role list with a method's, so there is none on the class);
/// region rules (a coordinator acts on their own region, a member on themself) are checked through
/// <see cref="RotaCaller"/> after the request is known to be valid.
/// </summary>
[Authorize]
public sealed class RotaGrpcService(RotaStore store, IOptions<PeerSupportOptions> options) : RotaService.RotaServiceBase
{
    private const int MaxQueryDays = 366;

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<CreateMemberResponse> CreateMember(CreateMemberRequest request, ServerCallContext context)
    {
        var region = ParseRegion(request.Member?.Region ?? "", "member.region", new Validation(), throwIfInvalid: false);
        if (region != Region.Unspecified)
        {
            // Without a region there is nothing to be coordinator of: Member.Create reports it with every other bad field.
            RotaCaller.From(context).RequireCoordinatorOf(region);
        }

        var member = await store.CreateMemberAsync(request.MemberId, region, request.Member.ToProfile(), context.CancellationToken);
        return new CreateMemberResponse { Member = await ToProtoAsync(member, context) };
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.TcoMember}")]
    public override async Task<GetMemberResponse> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var memberId = ParseMember(request.Name, "name");
        caller.RequireSelfOrAnyCoordinator(memberId);
        var member = await store.GetMemberAsync(memberId, context.CancellationToken);
        caller.RequireSelfOrCoordinatorOf(member.Id, member.Region);
        return new GetMemberResponse { Member = await ToProtoAsync(member, context) };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var region = ParseRegion(request.Parent, "parent");
        RotaCaller.From(context).RequireCoordinatorOf(region);
        var (members, next) = await store.ListMembersAsync(region, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListMembersResponse { NextPageToken = next };
        var certificates = await store.CertificatesAsync(members.Select(m => m.Id).ToList(), context.CancellationToken);
        response.Members.AddRange(members.Select(m => m.ToProto(certificates[m.Id], store.Now)));
        return response;
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<UpdateMemberResponse> UpdateMember(UpdateMemberRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var id = Member.ParseName(request.Member?.Name ?? "", "member.name", validation);
        var paths = request.UpdateMask?.Paths.ToArray() ?? [];
        Member.CheckUpdate(validation, paths, request.Member?.Etag ?? "");
        validation.ThrowIfInvalid();
        var member = await store.FindMemberForChangeAsync(id!, context.CancellationToken);
        RotaCaller.From(context).RequireCoordinatorOf(member.Region);
        await store.UpdateMemberAsync(member, request.Member.ToProfile(), paths, request.Member!.Etag, context.CancellationToken);
        return new UpdateMemberResponse { Member = await ToProtoAsync(member, context) };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<RecordCertificateResponse> RecordCertificate(RecordCertificateRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var id = Member.ParseName(request.Member, "member", validation);
        var from = RotaMapper.ToInstant(request.ValidFrom, "valid_from", validation);
        var until = RotaMapper.ToInstant(request.ValidUntil, "valid_until", validation);
        if (validation.IsValid)
        {
            TcoCertificate.Check(validation, from, until, request.Note);
        }

        validation.ThrowIfInvalid();
        var member = await store.FindMemberForChangeAsync(id!, context.CancellationToken);
        RotaCaller.From(context).RequireCoordinatorOf(member.Region);
        await store.RecordCertificateAsync(member, from, until, request.Note, context.CancellationToken);
        return new RecordCertificateResponse { Member = await ToProtoAsync(member, context) };
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.TcoMember},{Roles.SystemPeerSupportRead}")]
    public override async Task<GetRegionResponse> GetRegion(GetRegionRequest request, ServerCallContext context)
    {
        var region = ParseRegion(request.Name, "name");
        var caller = RotaCaller.From(context);
        if (!caller.IsCoordinatorOf(region) && !caller.IsMemberOf(region) && !caller.IsSystemReader)
        {
            throw new PermissionDeniedException($"Only coordinators and members of {region.ResourceName()} may read it.");
        }

        return new GetRegionResponse { Region = ToProto(await store.GetRegionAsync(region, context.CancellationToken)) };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<UpdateRegionResponse> UpdateRegion(UpdateRegionRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Region?.Name ?? "", "region.name", validation, throwIfInvalid: false);
        var coordinator = request.Region?.Coordinator is { Length: > 0 } name ? Member.ParseName(name, "region.coordinator", validation) : null;
        validation.ThrowIfInvalid();
        RotaCaller.From(context).RequireCoordinatorOf(region);
        var settings = await store.SetCoordinatorAsync(region, coordinator, request.Region!.Etag, context.CancellationToken);
        return new UpdateRegionResponse { Region = ToProto(settings) };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<GetScheduleResponse> GetSchedule(GetScheduleRequest request, ServerCallContext context)
    {
        var (region, kind) = ParseSchedule(request.Name, "name", new Validation());
        RotaCaller.From(context).RequireCoordinatorOf(region);
        return new GetScheduleResponse { Schedule = (await store.GetScheduleAsync(region, kind, context.CancellationToken)).ToProto() };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<UpdateScheduleResponse> UpdateSchedule(UpdateScheduleRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var (region, kind) = ParseSchedule(request.Schedule?.Name ?? "", "schedule.name", validation, throwIfInvalid: false);
        var layers = RotaMapper.ToLayerSpecs(request.Schedule?.Layers ?? [], validation);
        if (region == Region.Unspecified)
        {
            validation.ThrowIfInvalid();
        }

        RotaCaller.From(context).RequireCoordinatorOf(region);
        var schedule = await store.ReplaceLayersAsync(region, kind, layers, request.Schedule!.Etag, validation, context.CancellationToken);
        return new UpdateScheduleResponse { Schedule = schedule.ToProto() };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<CreateOverrideResponse> CreateOverride(CreateOverrideRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Parent, "parent", validation, throwIfInvalid: false);
        var o = request.Override ?? new V1.Override();
        var memberId = Member.ParseName(o.Member, "override.member", validation) ?? "";
        var start = RotaMapper.ToInstant(o.StartTime, "override.start_time", validation);
        var end = RotaMapper.ToInstant(o.EndTime, "override.end_time", validation);
        if (region == Region.Unspecified)
        {
            validation.ThrowIfInvalid();
        }

        RotaCaller.From(context).RequireCoordinatorOf(region);
        var created = await store.CreateOverrideAsync(region, (ScheduleKind)o.Schedule, memberId, start, end, o.Reason, validation,
            context.CancellationToken);
        return new CreateOverrideResponse { Override = ToProto(created) };
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<ListOverridesResponse> ListOverrides(ListOverridesRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Parent, "parent", validation, throwIfInvalid: false);
        var endAfter = RotaMapper.ToInstant(request.EndAfter, "end_after", validation, fallback: store.Now);
        validation.ThrowIfInvalid();
        RotaCaller.From(context).RequireCoordinatorOf(region);
        var (overrides, next) = await store.ListOverridesAsync(region, endAfter, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListOverridesResponse { NextPageToken = next };
        response.Overrides.AddRange(overrides.Select(ToProto));
        return response;
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<DeleteOverrideResponse> DeleteOverride(DeleteOverrideRequest request, ServerCallContext context)
    {
        if (!Override.TryParseName(request.Name, out var region, out var id))
        {
            throw new ValidationFailedException([new FieldViolation("name", "Required: regions/{region}/overrides/{override_id}.")]);
        }

        RotaCaller.From(context).RequireCoordinatorOf(region);
        await store.DeleteOverrideAsync(region, id, request.Name, context.CancellationToken);
        return new DeleteOverrideResponse();
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.SystemPeerSupportRead}")]
    public override async Task<GetOnCallResponse> GetOnCall(GetOnCallRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Region, "region", validation, throwIfInvalid: false);
        var at = RotaMapper.ToInstant(request.AtTime, "at_time", validation, fallback: store.Now);
        validation.ThrowIfInvalid();
        var caller = RotaCaller.From(context);
        if (!caller.IsCoordinatorOf(region) && !caller.IsSystemReader)
        {
            throw new PermissionDeniedException($"Only a TCO coordinator of {region.ResourceName()} or a system reader may ask who is on call there.");
        }

        var (rota, profiles) = await store.LoadAsync(region, at, context.CancellationToken);
        var onCall = rota.At(at);
        return new GetOnCallResponse
        {
            Primary = onCall.Primary is { } primary ? ToProto(profiles[primary.Member.Id], primary.ShiftEnd) : null,
            Backup = onCall.Backup is { } backup ? ToProto(profiles[backup.Member.Id], backup.ShiftEnd) : null,
            Coordinator = onCall.Coordinator is { } coordinator ? ToProto(profiles[coordinator.Id], null) : null,
            AtTime = at.ToTimestamp(),
        };
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.TcoMember}")]
    public override async Task<ListShiftsResponse> ListShifts(ListShiftsRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        Region region;
        string? memberId = null;
        if (request.Parent.StartsWith(Member.CollectionPrefix, StringComparison.Ordinal))
        {
            memberId = Member.ParseName(request.Parent, "parent", validation);
            region = Region.Unspecified;
        }
        else
        {
            region = ParseRegion(request.Parent, "parent", validation, throwIfInvalid: false);
        }

        var (start, end) = Period(request.StartTime, request.EndTime, validation);
        validation.Require(Enum.IsDefined((ScheduleKind)request.Schedule), "schedule", "PRIMARY, BACKUP or unspecified for both.");
        validation.ThrowIfInvalid();

        var caller = RotaCaller.From(context);
        if (memberId is not null)
        {
            caller.RequireSelfOrAnyCoordinator(memberId);
            var member = await store.GetMemberAsync(memberId, context.CancellationToken);
            caller.RequireSelfOrCoordinatorOf(member.Id, member.Region);
            region = member.Region;
        }
        else
        {
            caller.RequireCoordinatorOf(region);
        }

        var (rota, _) = await store.LoadAsync(region, start, context.CancellationToken);
        var kind = (ScheduleKind)request.Schedule;
        var response = new ListShiftsResponse();
        response.Shifts.AddRange(rota.Shifts(start, end, kind == ScheduleKind.Unspecified ? null : kind, memberId)
            .Select(s => ToProto(s, rota)));
        return response;
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<ListCoverageGapsResponse> ListCoverageGaps(ListCoverageGapsRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Region, "region", validation, throwIfInvalid: false);
        validation.Require(request.Days is >= 0 and <= 92, "days", "Between 1 and 92, or 0 for 14.");
        validation.ThrowIfInvalid();
        RotaCaller.From(context).RequireCoordinatorOf(region);

        var start = store.Now;
        var end = start + Duration.FromDays(request.Days == 0 ? 14 : request.Days);
        var (rota, _) = await store.LoadAsync(region, start, context.CancellationToken);
        var response = new ListCoverageGapsResponse();
        response.Gaps.AddRange(rota.Gaps(start, end).Select(g => new CoverageGap
        {
            Region = region.ResourceName(),
            Schedule = (V1.ScheduleKind)g.Schedule,
            StartTime = g.Shift.Interval.Start.ToTimestamp(),
            EndTime = g.Shift.Interval.End.ToTimestamp(),
        }));
        return response;
    }

    [Authorize(Roles = Roles.TcoCoordinator)]
    public override async Task<GetFairnessReportResponse> GetFairnessReport(GetFairnessReportRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Region, "region", validation, throwIfInvalid: false);
        var (start, end) = Period(request.StartTime, request.EndTime, validation);
        validation.ThrowIfInvalid();
        RotaCaller.From(context).RequireCoordinatorOf(region);

        var (rota, _) = await store.LoadAsync(region, start, context.CancellationToken);
        var response = new GetFairnessReportResponse();
        response.Members.AddRange(rota.Fairness(start, end).Select(h => new V1.MemberHours
        {
            Member = Member.CollectionPrefix + h.Member.Id,
            DisplayName = h.Member.DisplayName,
            PrimaryHours = h.Primary.TotalHours,
            BackupHours = h.Backup.TotalHours,
            UnsocialHours = h.Unsocial.TotalHours,
        }));
        return response;
    }

    [Authorize(Roles = Roles.TcoMember)]
    public override async Task<RequestShiftSwapResponse> RequestShiftSwap(RequestShiftSwapRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Parent, "parent", validation, throwIfInvalid: false);
        var swap = request.ShiftSwap ?? new V1.ShiftSwap();
        var start = RotaMapper.ToInstant(swap.StartTime, "shift_swap.start_time", validation);
        var end = RotaMapper.ToInstant(swap.EndTime, "shift_swap.end_time", validation);
        if (!validation.IsValid)
        {
            validation.ThrowIfInvalid();
        }

        var caller = RotaCaller.From(context);
        if (!caller.IsMemberOf(region))
        {
            throw new PermissionDeniedException($"Only TCO members of {region.ResourceName()} may ask for a swap there.");
        }

        var requested = await store.RequestShiftSwapAsync(region, (ScheduleKind)swap.Schedule, caller.Subject, start, end, swap.Note,
            validation, context.CancellationToken);
        return new RequestShiftSwapResponse { ShiftSwap = ToProto(requested) };
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.TcoMember}")]
    public override async Task<ListShiftSwapsResponse> ListShiftSwaps(ListShiftSwapsRequest request, ServerCallContext context)
    {
        var validation = new Validation();
        var region = ParseRegion(request.Parent, "parent", validation, throwIfInvalid: false);
        validation.Require(Enum.IsDefined((ShiftSwapState)request.State), "state", "OPEN, TAKEN, CANCELLED or unspecified for all.");
        validation.ThrowIfInvalid();
        var caller = RotaCaller.From(context);
        if (!caller.IsCoordinatorOf(region) && !caller.IsMemberOf(region))
        {
            throw new PermissionDeniedException($"Only coordinators and members of {region.ResourceName()} may list its swaps.");
        }

        var state = (ShiftSwapState)request.State;
        var (swaps, next) = await store.ListShiftSwapsAsync(region, state == ShiftSwapState.Unspecified ? null : state,
            request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListShiftSwapsResponse { NextPageToken = next };
        response.ShiftSwaps.AddRange(swaps.Select(ToProto));
        return response;
    }

    [Authorize(Roles = Roles.TcoMember)]
    public override async Task<AcceptShiftSwapResponse> AcceptShiftSwap(AcceptShiftSwapRequest request, ServerCallContext context)
    {
        var (region, id) = ParseShiftSwap(request.Name);
        var caller = RotaCaller.From(context);
        if (!caller.IsMemberOf(region))
        {
            throw new PermissionDeniedException($"Only TCO members of {region.ResourceName()} may take its swaps.");
        }

        var swap = await store.FindShiftSwapAsync(region, id, request.Name, context.CancellationToken);
        await store.TakeShiftSwapAsync(swap, caller.Subject, context.CancellationToken);
        return new AcceptShiftSwapResponse { ShiftSwap = ToProto(swap) };
    }

    [Authorize(Roles = $"{Roles.TcoCoordinator},{Roles.TcoMember}")]
    public override async Task<CancelShiftSwapResponse> CancelShiftSwap(CancelShiftSwapRequest request, ServerCallContext context)
    {
        var (region, id) = ParseShiftSwap(request.Name);
        var caller = RotaCaller.From(context);
        if (!caller.IsCoordinatorOf(region) && !caller.IsMemberOf(region))
        {
            // Refused before the lookup, so an outsider cannot learn which requests exist.
            throw new PermissionDeniedException($"Only the member who asked or a TCO coordinator of {region.ResourceName()} may cancel it.");
        }

        var swap = await store.FindShiftSwapAsync(region, id, request.Name, context.CancellationToken);
        caller.RequireSelfOrCoordinatorOf(swap.RequestedBy, region);
        await store.CancelShiftSwapAsync(swap, context.CancellationToken);
        return new CancelShiftSwapResponse { ShiftSwap = ToProto(swap) };
    }

    [Authorize(Roles = Roles.TcoMember)]
    public override async Task<GetCalendarFeedResponse> GetCalendarFeed(GetCalendarFeedRequest request, ServerCallContext context) =>
        new() { Url = await CalendarAddressAsync(request.Member, rotate: false, context) };

    [Authorize(Roles = Roles.TcoMember)]
    public override async Task<RotateCalendarSecretResponse> RotateCalendarSecret(RotateCalendarSecretRequest request, ServerCallContext context) =>
        new() { Url = await CalendarAddressAsync(request.Member, rotate: true, context) };

    private async Task<string> CalendarAddressAsync(string name, bool rotate, ServerCallContext context)
    {
        var memberId = ParseMember(name, "member");
        if (!RotaCaller.From(context).IsMember(memberId))
        {
            throw new PermissionDeniedException($"Only members/{memberId} may read or rotate their calendar address.");
        }

        await store.GetMemberAsync(memberId, context.CancellationToken);
        var secret = await store.CalendarSecretAsync(memberId, rotate, context.CancellationToken);
        return CalendarFeed.Address(options.Value.PublicBaseUrl, secret.Secret);
    }

    private static (Region Region, Guid Id) ParseShiftSwap(string name) =>
        ShiftSwap.TryParseName(name, out var region, out var id)
            ? (region, id)
            : throw new ValidationFailedException([new FieldViolation("name", "Required: regions/{region}/shiftSwaps/{id}.")]);

    private static V1.ShiftSwap ToProto(ShiftSwap swap) => new()
    {
        Name = swap.Name,
        Schedule = (V1.ScheduleKind)swap.Schedule,
        RequestedBy = Member.CollectionPrefix + swap.RequestedBy,
        StartTime = swap.Start.ToTimestamp(),
        EndTime = swap.End.ToTimestamp(),
        Note = swap.Note,
        State = (V1.ShiftSwapState)swap.State,
        TakenBy = swap.TakenBy is { } taker ? Member.CollectionPrefix + taker : "",
        Override = swap.OverrideId is { } cover ? $"{swap.Region.ResourceName()}/overrides/{cover:N}" : "",
        CreateTime = swap.CreatedAt.ToTimestamp(),
    };

    private async Task<V1.Member> ToProtoAsync(Member member, ServerCallContext context) =>
        member.ToProto(await store.CertificatesAsync(member.Id, context.CancellationToken), store.Now);

    private static (Instant Start, Instant End) Period(Google.Protobuf.WellKnownTypes.Timestamp? startTime,
        Google.Protobuf.WellKnownTypes.Timestamp? endTime, Validation validation)
    {
        var start = RotaMapper.ToInstant(startTime, "start_time", validation);
        var end = RotaMapper.ToInstant(endTime, "end_time", validation);
        if (startTime is not null && endTime is not null)
        {
            validation.Require(end > start, "end_time", "Must be after start_time.");
            validation.Require(end - start <= Duration.FromDays(MaxQueryDays), "end_time", $"At most {MaxQueryDays} days after start_time.");
        }

        return (start, end);
    }

    private static (Region Region, ScheduleKind Kind) ParseSchedule(string name, string field, Validation validation, bool throwIfInvalid = true)
    {
        if (!Schedule.TryParseName(name, out var region, out var kind))
        {
            validation.Add(field, "Required: regions/{region}/schedules/primary or .../backup.");
        }

        if (throwIfInvalid)
        {
            validation.ThrowIfInvalid();
        }

        return (region, kind);
    }

    private static RotaRegion ToProto(RegionSettings settings) => new()
    {
        Name = settings.Name,
        Region = (V1.Region)settings.Region,
        Coordinator = settings.CoordinatorId is { } id ? Member.CollectionPrefix + id : "",
        Etag = settings.Etag,
    };

    private static V1.Override ToProto(Override o) => new()
    {
        Name = o.Name,
        Schedule = (V1.ScheduleKind)o.Schedule,
        Member = Member.CollectionPrefix + o.MemberId,
        StartTime = o.Start.ToTimestamp(),
        EndTime = o.End.ToTimestamp(),
        Reason = o.Reason,
        ShiftSwap = o.ShiftSwapId is { } swap ? $"{o.Region.ResourceName()}/shiftSwaps/{swap:N}" : "",
    };

    private static V1.Shift ToProto(ScheduledShift shift, RegionRota rota) => new()
    {
        Member = Member.CollectionPrefix + shift.Shift.MemberId,
        MemberDisplayName = rota.Members.GetValueOrDefault(shift.Shift.MemberId!)?.DisplayName ?? "",
        Region = rota.Region.ResourceName(),
        Schedule = (V1.ScheduleKind)shift.Schedule,
        StartTime = shift.Shift.Interval.Start.ToTimestamp(),
        EndTime = shift.Shift.Interval.End.ToTimestamp(),
        FromOverride = shift.Shift.FromOverride,
    };

    private static OnCallMember ToProto(Member member, Instant? shiftEnd)
    {
        var proto = new OnCallMember
        {
            Member = member.Name,
            DisplayName = member.Profile.DisplayName,
            Team = member.Profile.Team,
            ShiftEndTime = shiftEnd?.ToTimestamp(),
        };
        proto.Languages.AddRange(member.Profile.Languages);
        proto.NotificationChannels.AddRange(member.Profile.NotificationChannels.Select(c => c.ToProto()));
        return proto;
    }
}
