using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.peer_support.v1.RotaService over the method definitions the service itself was
/// generated with. The proto is compiled once, into the service (server stubs); compiling it again here for
/// a client stub would duplicate every message type, so the methods are read from the generated
/// <c>BindService</c> instead.
/// </summary>
public sealed class RotaClient(CallInvoker invoker, string? token = null)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodCollector.Collect();

    /// <summary>Every RPC of the service, to check that tables over the RPCs leave none out.</summary>
    public static IReadOnlyCollection<string> MethodNames => Methods.Keys.ToArray();

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

    private async Task<TResponse> CallAsync<TRequest, TResponse>(string name, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("Authorization", $"Bearer {token}");
        }

        var method = (Method<TRequest, TResponse>)Methods[name];
        var options = new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(30));
        return await invoker.AsyncUnaryCall(method, null, options, request);
    }

    /// <summary>Records the methods the generated code binds, without an implementation.</summary>
    private sealed class MethodCollector : ServiceBinderBase
    {
        private readonly Dictionary<string, IMethod> _methods = [];

        public static IReadOnlyDictionary<string, IMethod> Collect()
        {
            var collector = new MethodCollector();
            RotaService.BindService(collector, null);
            return collector._methods;
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            _methods.Add(method.Name, method);
    }
}
