using Grpc.Core;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.signal_training.v1.SignalGuidanceService, over the service's own method definitions
/// (<see cref="BoundServiceClient"/>: the proto is compiled once, into the service), with an optional bearer
/// token, plus the one step most tests take: asking guidance for a few signals.
/// </summary>
public sealed class GuidanceClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodsOf(binder => SignalGuidanceService.BindService(binder, null));

    /// <summary>A client without a token.</summary>
    public static GuidanceClient Anonymous(SignalTrainingApp app) => new(app.Invoker);

    /// <summary>A client with a development token for <paramref name="subject"/> carrying <paramref name="roles"/>.</summary>
    public static GuidanceClient As(SignalTrainingApp app, string subject, params string[] roles) =>
        new(app.Invoker, SignalTrainingApp.TokenFor(subject, roles));

    /// <summary>A manager, the one role the guidance is for.</summary>
    public static GuidanceClient Manager(SignalTrainingApp app) => As(app, "leidinggevende", Roles.Manager);

    public Task<ListSignalsResponse> ListSignalsAsync(ListSignalsRequest request) =>
        CallAsync<ListSignalsRequest, ListSignalsResponse>("ListSignals", request);

    public Task<GetSignalGuidanceResponse> GetSignalGuidanceAsync(GetSignalGuidanceRequest request) =>
        CallAsync<GetSignalGuidanceRequest, GetSignalGuidanceResponse>("GetSignalGuidance", request);

    /// <summary>Guidance for <paramref name="signals"/>, in the order given.</summary>
    public Task<GetSignalGuidanceResponse> GuideAsync(params Signal[] signals) =>
        GetSignalGuidanceAsync(new GetSignalGuidanceRequest { Signals = { signals } });
}
