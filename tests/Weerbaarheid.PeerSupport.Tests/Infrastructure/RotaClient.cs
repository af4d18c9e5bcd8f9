using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>A client of weerbaarheid.peer_support.v1.RotaService, over the service's own method definitions (<see cref="BoundServiceClient"/>).</summary>
public sealed class RotaClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodsOf(binder => RotaService.BindService(binder, null));

    private readonly string? _token = token;

    /// <summary>Every RPC of the service, to check that tables over the RPCs leave none out.</summary>
    public static IReadOnlyCollection<string> MethodNames => Methods.Keys.ToArray();

    /// <summary>The same caller on weerbaarheid.peer_support.v1.DispatchService.</summary>
    public DispatchClient Dispatch => new(Invoker, _token);

    public Task<CreateMemberResponse> CreateMemberAsync(CreateMemberRequest request) =>
        CallAsync<CreateMemberRequest, CreateMemberResponse>("CreateMember", request);

    public Task<GetMemberResponse> GetMemberAsync(GetMemberRequest request) =>
        CallAsync<GetMemberRequest, GetMemberResponse>("GetMember", request);

    public Task<ListMembersResponse> ListMembersAsync(ListMembersRequest request) =>
        CallAsync<ListMembersRequest, ListMembersResponse>("ListMembers", request);

    public Task<UpdateMemberResponse> UpdateMemberAsync(UpdateMemberRequest request) =>
        CallAsync<UpdateMemberRequest, UpdateMemberResponse>("UpdateMember", request);

    public Task<RecordCertificateResponse> RecordCertificateAsync(RecordCertificateRequest request) =>
        CallAsync<RecordCertificateRequest, RecordCertificateResponse>("RecordCertificate", request);

    public Task<GetRegionResponse> GetRegionAsync(GetRegionRequest request) =>
        CallAsync<GetRegionRequest, GetRegionResponse>("GetRegion", request);

    public Task<UpdateRegionResponse> UpdateRegionAsync(UpdateRegionRequest request) =>
        CallAsync<UpdateRegionRequest, UpdateRegionResponse>("UpdateRegion", request);

    public Task<GetScheduleResponse> GetScheduleAsync(GetScheduleRequest request) =>
        CallAsync<GetScheduleRequest, GetScheduleResponse>("GetSchedule", request);

    public Task<UpdateScheduleResponse> UpdateScheduleAsync(UpdateScheduleRequest request) =>
        CallAsync<UpdateScheduleRequest, UpdateScheduleResponse>("UpdateSchedule", request);

    public Task<CreateOverrideResponse> CreateOverrideAsync(CreateOverrideRequest request) =>
        CallAsync<CreateOverrideRequest, CreateOverrideResponse>("CreateOverride", request);

    public Task<ListOverridesResponse> ListOverridesAsync(ListOverridesRequest request) =>
        CallAsync<ListOverridesRequest, ListOverridesResponse>("ListOverrides", request);

    public Task<DeleteOverrideResponse> DeleteOverrideAsync(DeleteOverrideRequest request) =>
        CallAsync<DeleteOverrideRequest, DeleteOverrideResponse>("DeleteOverride", request);

    public Task<GetOnCallResponse> GetOnCallAsync(GetOnCallRequest request) =>
        CallAsync<GetOnCallRequest, GetOnCallResponse>("GetOnCall", request);

    public Task<ListShiftsResponse> ListShiftsAsync(ListShiftsRequest request) =>
        CallAsync<ListShiftsRequest, ListShiftsResponse>("ListShifts", request);

    public Task<ListCoverageGapsResponse> ListCoverageGapsAsync(ListCoverageGapsRequest request) =>
        CallAsync<ListCoverageGapsRequest, ListCoverageGapsResponse>("ListCoverageGaps", request);

    public Task<GetFairnessReportResponse> GetFairnessReportAsync(GetFairnessReportRequest request) =>
        CallAsync<GetFairnessReportRequest, GetFairnessReportResponse>("GetFairnessReport", request);

    public Task<RequestShiftSwapResponse> RequestShiftSwapAsync(RequestShiftSwapRequest request) =>
        CallAsync<RequestShiftSwapRequest, RequestShiftSwapResponse>("RequestShiftSwap", request);

    public Task<ListShiftSwapsResponse> ListShiftSwapsAsync(ListShiftSwapsRequest request) =>
        CallAsync<ListShiftSwapsRequest, ListShiftSwapsResponse>("ListShiftSwaps", request);

    public Task<AcceptShiftSwapResponse> AcceptShiftSwapAsync(AcceptShiftSwapRequest request) =>
        CallAsync<AcceptShiftSwapRequest, AcceptShiftSwapResponse>("AcceptShiftSwap", request);

    public Task<CancelShiftSwapResponse> CancelShiftSwapAsync(CancelShiftSwapRequest request) =>
        CallAsync<CancelShiftSwapRequest, CancelShiftSwapResponse>("CancelShiftSwap", request);

    public Task<GetCalendarFeedResponse> GetCalendarFeedAsync(GetCalendarFeedRequest request) =>
        CallAsync<GetCalendarFeedRequest, GetCalendarFeedResponse>("GetCalendarFeed", request);

    public Task<RotateCalendarSecretResponse> RotateCalendarSecretAsync(RotateCalendarSecretRequest request) =>
        CallAsync<RotateCalendarSecretRequest, RotateCalendarSecretResponse>("RotateCalendarSecret", request);
}
