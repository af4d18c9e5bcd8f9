using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.Domain.Guidance;
using Weerbaarheid.SignalTraining.V1;

namespace Weerbaarheid.SignalTraining.Grpc;

/// <summary>
/// weerbaarheid.signal_training.v1.SignalGuidanceService, for managers. A request carries only the signals,
/// never who shows them, and nothing of it is stored or logged here.
/// </summary>
[Authorize]
public sealed class SignalGuidanceGrpcService(SignalGuidance guidance, GuidanceRecommendations recommendations)
    : SignalGuidanceService.SignalGuidanceServiceBase
{
    [Authorize(Roles = Roles.Manager)]
    public override Task<ListSignalsResponse> ListSignals(ListSignalsRequest request, ServerCallContext context)
    {
        var response = new ListSignalsResponse();
        response.Signals.AddRange(guidance.Signals.Select(s => s.ToProto()));
        return Task.FromResult(response);
    }

    [Authorize(Roles = Roles.Manager)]
    public override async Task<GetSignalGuidanceResponse> GetSignalGuidance(GetSignalGuidanceRequest request, ServerCallContext context)
    {
        var advice = guidance.For(request.Signals.ToDomain(), "signals");
        var recommended = await recommendations.ForAsync(advice, context.CancellationToken);
        return advice.ToProto(recommended);
    }
}
