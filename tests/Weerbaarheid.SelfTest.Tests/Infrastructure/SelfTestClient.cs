using Grpc.Core;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>
/// A client of weerbaarheid.self_test.v1.SelfTestService, over the service's own method definitions
/// (<see cref="BoundServiceClient"/>: the proto is compiled once, into the service), with an optional bearer
/// token, plus the few steps most tests take (start, answer, finish).
/// </summary>
public sealed class SelfTestClient(CallInvoker invoker, string? token = null) : BoundServiceClient(invoker, token, Methods)
{
    private static readonly IReadOnlyDictionary<string, IMethod> Methods = MethodsOf(binder => SelfTestService.BindService(binder, null));

    public Task<ListInstrumentsResponse> ListInstrumentsAsync(ListInstrumentsRequest request) =>
        CallAsync<ListInstrumentsRequest, ListInstrumentsResponse>("ListInstruments", request);

    public Task<GetInstrumentResponse> GetInstrumentAsync(GetInstrumentRequest request) =>
        CallAsync<GetInstrumentRequest, GetInstrumentResponse>("GetInstrument", request);

    public Task<StartSelfTestResponse> StartSelfTestAsync(StartSelfTestRequest request) =>
        CallAsync<StartSelfTestRequest, StartSelfTestResponse>("StartSelfTest", request);

    public Task<SubmitAnswersResponse> SubmitAnswersAsync(SubmitAnswersRequest request) =>
        CallAsync<SubmitAnswersRequest, SubmitAnswersResponse>("SubmitAnswers", request);

    public Task<GetResultResponse> GetResultAsync(GetResultRequest request) =>
        CallAsync<GetResultRequest, GetResultResponse>("GetResult", request);

    public Task<DeleteSelfTestResponse> DeleteSelfTestAsync(DeleteSelfTestRequest request) =>
        CallAsync<DeleteSelfTestRequest, DeleteSelfTestResponse>("DeleteSelfTest", request);

    public Task<GetCompletionStatisticsResponse> GetCompletionStatisticsAsync(GetCompletionStatisticsRequest request) =>
        CallAsync<GetCompletionStatisticsRequest, GetCompletionStatisticsResponse>("GetCompletionStatistics", request);

    /// <summary>Starts a self-test of the current version of <paramref name="instrumentId"/> (e.g. "phq-9"); returns its token.</summary>
    public async Task<string> StartAsync(string instrumentId) =>
        (await StartSelfTestAsync(new StartSelfTestRequest { Instrument = $"instruments/{instrumentId}" })).Token;

    /// <summary>Submits <paramref name="answers"/> (item number → value) as one page.</summary>
    public Task<SubmitAnswersResponse> SubmitAsync(string token, IEnumerable<KeyValuePair<int, int>> answers, bool finish = false)
    {
        var request = new SubmitAnswersRequest { Token = token, Finish = finish };
        request.Answers.AddRange(answers.Select(a => new Answer { Item = a.Key, Value = a.Value }));
        return SubmitAnswersAsync(request);
    }

    public async Task<SelfTestResult> ResultAsync(string token) =>
        (await GetResultAsync(new GetResultRequest { Token = token })).Result;

    /// <summary>Starts <paramref name="instrumentId"/>, answers items 1, 2, … with <paramref name="values"/> and finishes; returns the token.</summary>
    public async Task<string> CompleteAsync(string instrumentId, params int[] values)
    {
        var token = await StartAsync(instrumentId);
        var submitted = await SubmitAsync(token, Sheet.Items(values), finish: true);
        Assert.True(submitted.Finished);
        return token;
    }

    /// <summary>Completes <paramref name="instrumentId"/> with <paramref name="values"/> and reads the result.</summary>
    public async Task<SelfTestResult> TakeAsync(string instrumentId, params int[] values) =>
        await ResultAsync(await CompleteAsync(instrumentId, values));
}

/// <summary>Answer sheets: item number → value.</summary>
public static class Sheet
{
    /// <summary>Items 1, 2, … answered with <paramref name="values"/> in order.</summary>
    public static Dictionary<int, int> Items(params int[] values) => From(1, values);

    /// <summary>Items <paramref name="first"/>, <paramref name="first"/> + 1, … answered with <paramref name="values"/> in order.</summary>
    public static Dictionary<int, int> From(int first, params int[] values) =>
        values.Select((value, i) => (Item: first + i, Value: value)).ToDictionary(a => a.Item, a => a.Value);

    /// <summary>Every one of <paramref name="items"/> items answered <paramref name="value"/>.</summary>
    public static int[] All(int items, int value) => Enumerable.Repeat(value, items).ToArray();
}
