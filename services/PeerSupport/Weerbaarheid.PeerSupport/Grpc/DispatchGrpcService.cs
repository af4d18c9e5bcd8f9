using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;
using static Weerbaarheid.PeerSupport.Grpc.DispatchMapper;
using static Weerbaarheid.PeerSupport.Grpc.RotaMapper;
using Dispatch = Weerbaarheid.PeerSupport.Domain.Dispatch.Dispatch;
using DispatchState = Weerbaarheid.PeerSupport.Domain.Dispatch.DispatchState;
using Member = Weerbaarheid.PeerSupport.Domain.Members.Member;
using Region = Weerbaarheid.PeerSupport.Domain.Rota.Region;
using SupportCase = Weerbaarheid.PeerSupport.Domain.Dispatch.SupportCase;

namespace Weerbaarheid.PeerSupport.Grpc;

/// <summary>
/// weerbaarheid.peer_support.v1.DispatchService: translates messages to <see cref="DispatchStore"/> calls
/// and back, and decides what each caller may see: members their own offers and cases, coordinators
/// their region's (case reads audited), a requester the state of what it asked for.
/// </summary>
[Authorize]
public sealed class DispatchGrpcService(
    DispatchStore store,
    OfferFeed feed,
    IOptions<DispatchOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<DispatchGrpcService> logger)
    : DispatchService.DispatchServiceBase
{
    private const string Members = $"{Roles.TcoMember},{Roles.TcoCoordinator}";

    [Authorize(Roles = $"{Roles.SystemPeerSupportRequest},{Roles.Manager},{Roles.TcoCoordinator},{Roles.Employee},{Roles.TcoMember}")]
    public override async Task<RequestSupportResponse> RequestSupport(RequestSupportRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var source = RequireSubject(caller);
        var (supportRequest, colleagues) = ToSupportRequest(request, source, store.Now);
        // Control rooms, managers and coordinators ask for others; anyone else only for themself.
        if (!caller.IsInRole(Roles.SystemPeerSupportRequest) && !caller.IsInRole(Roles.Manager) && !caller.IsInRole(Roles.TcoCoordinator)
            && colleagues.Any(c => c.EmployeeId != source))
        {
            throw new PermissionDeniedException("You may request support for yourself only; your manager or the control room can request it for others.");
        }

        var dispatches = await store.RequestSupportAsync(supportRequest, colleagues, context.CancellationToken);
        var response = new RequestSupportResponse();
        response.Dispatches.AddRange(dispatches.Select(d => d.ToProto(ViewOf(caller, d) ?? DispatchMapper.View.Requester, source)));
        return response;
    }

    [Authorize(Roles = $"{Roles.SystemPeerSupportRequest},{Roles.Manager},{Roles.TcoCoordinator},{Roles.Employee},{Roles.TcoMember}")]
    public override async Task<GetDispatchResponse> GetDispatch(GetDispatchRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var dispatch = await store.GetDispatchAsync(ParseId(request.Name, Dispatch.CollectionPrefix, "name"), context.CancellationToken);
        var view = ViewOf(caller, dispatch) ?? throw new PermissionDeniedException(
            $"Only the members it was offered to, a coordinator of {dispatch.Region.ResourceName()} or its requester may read this dispatch.");
        return new GetDispatchResponse { Dispatch = dispatch.ToProto(view, caller.Subject) };
    }

    [Authorize(Roles = Members)]
    public override async Task<ListDispatchesResponse> ListDispatches(ListDispatchesRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var (region, memberId) = ParseParent(caller, request.Parent);
        DispatchState? state = request.State == V1.DispatchState.Unspecified ? null : (DispatchState)request.State;
        if (state is { } s && !System.Enum.IsDefined(s))
        {
            throw new ValidationFailedException([new FieldViolation("state", "Unknown state.")]);
        }

        var (dispatches, next) = await store.ListDispatchesAsync(region, memberId, state, request.PageSize, request.PageToken, context.CancellationToken);
        var response = new ListDispatchesResponse { NextPageToken = next };
        var view = region is null ? DispatchMapper.View.Member : DispatchMapper.View.Coordinator;
        response.Dispatches.AddRange(dispatches.Select(d => d.ToProto(view, caller.Subject)));
        return response;
    }

    [Authorize(Roles = Members)]
    public override async Task WatchDispatches(WatchDispatchesRequest request, IServerStreamWriter<WatchDispatchesResponse> responseStream,
        ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var validation = new Validation();
        var memberId = Member.ParseName(request.Member, "member", validation);
        var after = ParseResumeToken(request.ResumeToken, validation);
        validation.ThrowIfInvalid();
        if (memberId != caller.Subject)
        {
            throw new PermissionDeniedException($"Only members/{memberId} may watch their offers.");
        }

        var heartbeat = options.Value.HeartbeatInterval;
        // A stream never ends by itself, so it must end when the service stops: otherwise a shutdown (a rolling
        // update) waits the host's whole shutdown timeout for it. The member resumes on another replica with
        // their last token.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var cancellation = ended.Token;
        try
        {
            var first = true;
            while (!cancellation.IsCancellationRequested)
            {
                // Take the wake-up before reading, so an offer committed while reading still wakes us.
                var next = feed.NextFor(memberId!);
                var (open, readUpTo) = await store.OpenOffersAsync(memberId!, after, cancellation);
                foreach (var (entry, dispatch) in open)
                {
                    await responseStream.WriteAsync(new WatchDispatchesResponse { Offer = dispatch.ToOfferProto(entry) }, cancellation);
                }

                if (first && open.Count == 0)
                {
                    // Nothing to send yet: a heartbeat at once tells the member's app the stream is open,
                    // rather than leaving it unsure for a whole interval.
                    await responseStream.WriteAsync(new WatchDispatchesResponse { Heartbeat = new Heartbeat { ServerTime = store.Now.ToTimestamp() } }, cancellation);
                }

                first = false;
                after = readUpTo;
                var woke = await Task.WhenAny(next, Task.Delay(heartbeat, cancellation));
                if (woke != next && !cancellation.IsCancellationRequested)
                {
                    await responseStream.WriteAsync(new WatchDispatchesResponse
                    {
                        Heartbeat = new Heartbeat { ServerTime = store.Now.ToTimestamp() },
                    }, cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The member went away (or the server stops); they resume with their last token.
        }
        catch (IOException) when (cancellation.IsCancellationRequested)
        {
        }

        logger.LogDebug("Offer stream of {Member} ended", Member.CollectionPrefix + memberId);
    }

    [Authorize(Roles = Members)]
    public override async Task<AcceptDispatchResponse> AcceptDispatch(AcceptDispatchRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var id = ParseId(request.Name, Dispatch.CollectionPrefix, "name");
        var (dispatch, supportCase) = await store.AcceptAsync(id, caller.Subject, context.CancellationToken);
        return new AcceptDispatchResponse
        {
            Dispatch = dispatch.ToProto(DispatchMapper.View.Member, caller.Subject),
            SupportCase = supportCase.ToProto(store.Now),
        };
    }

    [Authorize(Roles = Members)]
    public override async Task<DeclineDispatchResponse> DeclineDispatch(DeclineDispatchRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var validation = new Validation();
        var id = ParseId(request.Name, Dispatch.CollectionPrefix, "name", validation);
        validation.Require(request.Reason.Trim().Length is >= 1 and <= 200, "reason", "Required: why you decline, 1–200 characters.");
        validation.ThrowIfInvalid();
        var dispatch = await store.DeclineAsync(id, caller.Subject, request.Reason, context.CancellationToken);
        return new DeclineDispatchResponse { Dispatch = dispatch.ToProto(DispatchMapper.View.Member, caller.Subject) };
    }

    [Authorize(Roles = Members)]
    public override async Task<GetSupportCaseResponse> GetSupportCase(GetSupportCaseRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var supportCase = await store.GetCaseAsync(ParseId(request.Name, SupportCase.CollectionPrefix, "name"), context.CancellationToken);
        if (supportCase.SupporterId != caller.Subject)
        {
            if (!caller.IsCoordinatorOf(supportCase.Region))
            {
                throw new PermissionDeniedException($"Only the supporter of this case or a coordinator of {supportCase.Region.ResourceName()} may read it.");
            }

            await store.AuditReadsAsync([supportCase], caller.Subject, nameof(GetSupportCase), context.CancellationToken);
        }

        return new GetSupportCaseResponse { SupportCase = supportCase.ToProto(store.Now) };
    }

    [Authorize(Roles = Members)]
    public override async Task<ListSupportCasesResponse> ListSupportCases(ListSupportCasesRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var (region, memberId) = ParseParent(caller, request.Parent);
        var (cases, next) = await store.ListCasesAsync(region, memberId, request.OpenOnly, request.PageSize, request.PageToken, context.CancellationToken);
        var others = cases.Where(c => c.SupporterId != caller.Subject).ToList();
        if (others.Count > 0)
        {
            await store.AuditReadsAsync(others, caller.Subject, nameof(ListSupportCases), context.CancellationToken);
        }

        var response = new ListSupportCasesResponse { NextPageToken = next };
        response.SupportCases.AddRange(cases.Select(c => c.ToProto(store.Now)));
        return response;
    }

    [Authorize(Roles = Members)]
    public override async Task<RecordContactResponse> RecordContact(RecordContactRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var validation = new Validation();
        var id = ParseId(request.SupportCase, SupportCase.CollectionPrefix, "support_case", validation);
        var at = ToInstant(request.ContactTime, "contact_time", validation);
        validation.ThrowIfInvalid();
        var supportCase = await store.RecordContactAsync(id, caller.Subject, at, context.CancellationToken);
        return new RecordContactResponse { SupportCase = supportCase.ToProto(store.Now) };
    }

    [Authorize(Roles = Members)]
    public override async Task<CloseSupportCaseResponse> CloseSupportCase(CloseSupportCaseRequest request, ServerCallContext context)
    {
        var caller = RotaCaller.From(context);
        var validation = new Validation();
        var id = ParseId(request.Name, SupportCase.CollectionPrefix, "name", validation);
        var outcome = (Domain.Dispatch.CaseOutcome)request.Outcome;
        var referral = (Domain.Dispatch.ReferralTarget)request.Referral;
        SupportCase.CheckOutcome(validation, outcome, referral);
        validation.ThrowIfInvalid();
        var supportCase = await store.CloseCaseAsync(id, caller.Subject, outcome, referral, context.CancellationToken);
        return new CloseSupportCaseResponse { SupportCase = supportCase.ToProto(store.Now) };
    }

    private static string RequireSubject(RotaCaller caller) =>
        caller.Subject.Length is >= 1 and <= 100
            ? caller.Subject
            : throw new PermissionDeniedException("The token names no subject (sub) to record as the requester.");

    /// <summary>The widest view the caller has of a dispatch, or null when they may not see it.</summary>
    private static DispatchMapper.View? ViewOf(RotaCaller caller, Dispatch dispatch)
    {
        if (caller.IsCoordinatorOf(dispatch.Region))
        {
            return DispatchMapper.View.Coordinator;
        }

        if ((caller.IsInRole(Roles.TcoMember) || caller.IsInRole(Roles.TcoCoordinator))
            && (dispatch.Offers.Any(o => o.MemberId == caller.Subject) || dispatch.CoordinatorId == caller.Subject))
        {
            return DispatchMapper.View.Member;
        }

        return dispatch.Source == caller.Subject ? DispatchMapper.View.Requester : null;
    }

    /// <summary><c>regions/{region}</c> for its coordinator, or <c>members/{member}</c> for that member.</summary>
    private static (Region? Region, string? MemberId) ParseParent(RotaCaller caller, string parent)
    {
        if (parent.StartsWith(Member.CollectionPrefix, StringComparison.Ordinal))
        {
            var memberId = ParseMember(parent, "parent");
            return memberId == caller.Subject
                ? (null, memberId)
                : throw new PermissionDeniedException($"Only members/{memberId} may list their own; coordinators list their region's.");
        }

        if (!Regions.TryParse(parent, out var region))
        {
            throw new ValidationFailedException([new FieldViolation("parent", "Required: regions/{region} or members/{member}.")]);
        }

        caller.RequireCoordinatorOf(region);
        return (region, null);
    }

    private static Guid ParseId(string name, string prefix, string field)
    {
        var validation = new Validation();
        var id = ParseId(name, prefix, field, validation);
        validation.ThrowIfInvalid();
        return id;
    }

    private static Guid ParseId(string name, string prefix, string field, Validation validation)
    {
        if (name.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParseExact(name[prefix.Length..], "N", out var id))
        {
            return id;
        }

        validation.Add(field, name.Length == 0 ? $"Required: {prefix}{{id}}." : $"\"{name}\" is not a name of the form {prefix}{{id}}.");
        return Guid.Empty;
    }
}
