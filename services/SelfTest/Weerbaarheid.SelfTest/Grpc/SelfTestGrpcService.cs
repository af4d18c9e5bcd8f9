using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Weerbaarheid.SelfTest.Data;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.SelfTest.Recommendations;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.SelfTest.Grpc;

/// <summary>
/// weerbaarheid.self_test.v1.SelfTestService: anonymous by design, except the figures for
/// programme-admin. Translates messages to the store and the scorer and back.
/// </summary>
[Authorize]
public sealed class SelfTestGrpcService(
    SelfTestStore store, InstrumentCatalogue instruments, ResultRecommendations recommendations, IOptions<SelfTestOptions> options)
    : SelfTestService.SelfTestServiceBase
{
    [AllowAnonymous]
    public override Task<ListInstrumentsResponse> ListInstruments(ListInstrumentsRequest request, ServerCallContext context)
    {
        var response = new ListInstrumentsResponse();
        response.Instruments.AddRange(instruments.Current.Select(i => i.ToProto()));
        return Task.FromResult(response);
    }

    [AllowAnonymous]
    public override Task<GetInstrumentResponse> GetInstrument(GetInstrumentRequest request, ServerCallContext context)
    {
        var instrument = instruments.Named(request.Name, request.Version, "name", "version");
        return Task.FromResult(new GetInstrumentResponse { Instrument = instrument.ToProto() });
    }

    [AllowAnonymous]
    public override async Task<StartSelfTestResponse> StartSelfTest(StartSelfTestRequest request, ServerCallContext context)
    {
        var (selfTest, token, instrument) = await store.StartAsync(request.Instrument, request.Version, context.CancellationToken);
        return new StartSelfTestResponse { Token = token, Instrument = instrument.ToProto(), ExpiresOn = selfTest.ExpiresOn.ToProto() };
    }

    [AllowAnonymous]
    public override async Task<SubmitAnswersResponse> SubmitAnswers(SubmitAnswersRequest request, ServerCallContext context)
    {
        var outcome = await store.SubmitAsync(request.Token, request.Answers.ToDomain(), request.Finish, context.CancellationToken);
        var response = new SubmitAnswersResponse { Answered = outcome.Answered, Finished = outcome.Result is not null };
        response.MissingItems.AddRange(outcome.MissingItems);
        return response;
    }

    [AllowAnonymous]
    public override async Task<GetResultResponse> GetResult(GetResultRequest request, ServerCallContext context)
    {
        var finished = await store.GetResultAsync(request.Token, context.CancellationToken);
        var result = finished.Result.ToProto(finished.SelfTest);
        if (finished.Result.ShowsUrgentHelp)
        {
            result.UrgentHelp = Domain.UrgentHelp.For(options.Value.DeskPhone).ToProto();
        }

        var recommended = await recommendations.ForAsync(finished.Result, context.CancellationToken);
        result.Recommendations.AddRange(recommended.Offerings);
        result.RecommendationSource = recommended.Source;
        result.RecommendationNote = recommended.Note;
        return new GetResultResponse { Result = result };
    }

    [AllowAnonymous]
    public override async Task<DeleteSelfTestResponse> DeleteSelfTest(DeleteSelfTestRequest request, ServerCallContext context)
    {
        await store.DeleteAsync(request.Token, context.CancellationToken);
        return new DeleteSelfTestResponse();
    }

    [Authorize(Roles = Roles.ProgrammeAdmin)]
    public override async Task<GetCompletionStatisticsResponse> GetCompletionStatistics(GetCompletionStatisticsRequest request, ServerCallContext context)
    {
        var minimum = options.Value.MinimumGroupSize;
        var counts = await store.CountsAsync(request.FromWeek, request.ToWeek, request.Instrument, context.CancellationToken);
        var response = new GetCompletionStatisticsResponse { MinimumGroupSize = minimum };
        response.Counts.AddRange(CompletionFigures.Publishable(counts, minimum).Select(cell => new V1.CompletionCount
        {
            Instrument = $"instruments/{cell.InstrumentId}",
            Band = cell.Band,
            Week = cell.Week,
            Count = cell.Count ?? 0,
            Suppressed = cell.Count is null,
        }));
        return response;
    }
}
