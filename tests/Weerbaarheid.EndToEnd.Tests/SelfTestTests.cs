using System.Net;
using System.Text;
using System.Text.Json;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.SelfTest.V1;
using OfferingsText = Weerbaarheid.Offerings.V1.LocalizedText;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// Anonymous self-tests through the real gateway, with recommendations from the real Offerings service,
/// and from SelfTest's local copy of the catalogue (kept by OfferingChanged over RabbitMQ) once Offerings
/// is stopped.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class SelfTestTests(Suite suite)
{
    [Fact]
    public async Task Recommendations_come_from_the_local_copy_when_Offerings_is_down()
    {
        await using var deployment = await suite.StartSelfTestAsync();

        // A new offering for trauma after heavy incidents: its OfferingChanged reaches SelfTest's copy by the broker.
        var slug = Samples.NewSlug("trauma");
        var offering = Samples.NewOffering($"Opvang na een schokkende gebeurtenis {slug}");
        offering.Category = Category.PeerSupport;
        offering.Topics.Clear();
        offering.Topics.Add([Topic.Ptsd, Topic.HeavyIncident]);
        offering.Summary = new OfferingsText { Nl = "Alleen voor deze test.", En = "Only for this test." };
        await deployment.Offerings.CreateOfferingAsync(
            new CreateOfferingRequest { OfferingId = slug, Offering = offering }, Samples.ProgrammeAdmin, Samples.Deadline);
        await Eventually.HoldsAsync(async () => await deployment.CopiedVersionAsync($"offerings/{slug}") is not null,
            "SelfTest's local copy has the new offering", details: () => deployment.Output);

        // Offerings up: the answer is live.
        var live = await TakePcl5Async(deployment, answer: 4);
        Assert.Equal(RecommendationSource.Live, live.RecommendationSource);
        Assert.NotEmpty(live.Recommendations);
        Assert.Null(live.RecommendationNote);

        await deployment.StopOfferingsAsync();

        // Offerings down: the result still has recommendations, from the copy, and says so.
        var token = await FinishPcl5Async(deployment, answer: 4);
        SelfTestResult? fallback = null;
        await Eventually.HoldsAsync(async () =>
        {
            fallback = (await deployment.SelfTest.GetResultAsync(new GetResultRequest { Token = token }, deadline: Samples.Deadline)).Result;
            return fallback.RecommendationSource == RecommendationSource.LocalCopy; // once the live answer's short cache lapses
        }, "the result recommends from the local copy", details: () => deployment.Output);

        Assert.False(string.IsNullOrWhiteSpace(fallback!.RecommendationNote?.Nl));
        Assert.False(string.IsNullOrWhiteSpace(fallback.RecommendationNote?.En));
        Assert.Contains(fallback.Recommendations, r => r.Offering == $"offerings/{slug}");
        Assert.NotNull(fallback.UrgentHelp); // probable PTSD: above mild
        Assert.Equal(80, fallback.Total);
        Assert.Contains(fallback.Rules, r => r.Id == "cutoff" && r.Triggered);
    }

    [Fact]
    public async Task A_self_test_can_be_taken_by_json_through_the_gateway_without_an_account()
    {
        await using var deployment = await suite.StartSelfTestAsync();

        using var instruments = await JsonAsync(deployment, HttpMethod.Get, "/api/v1/instruments", null);
        var ids = instruments.RootElement.GetProperty("instruments").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Contains("phq-9", ids);

        using var started = await JsonAsync(deployment, HttpMethod.Post, "/api/v1/selfTests:start", new { instrument = "instruments/phq-9" });
        var token = started.RootElement.GetProperty("token").GetString()!;
        var answers = Enumerable.Range(1, 9).Select(item => new { item, value = item == 9 ? 1 : 0 }).ToArray();
        using var submitted = await JsonAsync(deployment, HttpMethod.Post, "/api/v1/selfTests:submitAnswers", new { token, answers, finish = true });
        Assert.True(submitted.RootElement.GetProperty("finished").GetBoolean());

        using var result = await JsonAsync(deployment, HttpMethod.Post, "/api/v1/selfTests:getResult", new { token });
        var body = result.RootElement.GetProperty("result");
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        Assert.Equal("SEVERITY_URGENT", body.GetProperty("severity").GetString());
        Assert.Contains(body.GetProperty("urgentHelp").GetProperty("contacts").EnumerateArray(), c => c.GetProperty("phone").GetString() == "0800-0113");

        // The figures need programme-admin: anonymous callers are stopped at the gateway.
        using var statistics = await deployment.Json.GetAsync("/api/v1/selfTestStatistics?fromWeek=2026-W01&toWeek=2026-W52");
        Assert.Equal(HttpStatusCode.Unauthorized, statistics.StatusCode);
    }

    private static async Task<SelfTestResult> TakePcl5Async(SelfTestDeployment deployment, int answer)
    {
        var token = await FinishPcl5Async(deployment, answer);
        return (await deployment.SelfTest.GetResultAsync(new GetResultRequest { Token = token }, deadline: Samples.Deadline)).Result;
    }

    private static async Task<string> FinishPcl5Async(SelfTestDeployment deployment, int answer)
    {
        var started = await deployment.SelfTest.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/pcl-5" }, deadline: Samples.Deadline);
        var submit = new SubmitAnswersRequest { Token = started.Token, Finish = true };
        submit.Answers.Add(Enumerable.Range(1, 20).Select(item => new Answer { Item = item, Value = answer }));
        await deployment.SelfTest.SubmitAnswersAsync(submit, deadline: Samples.Deadline);
        return started.Token;
    }

    private static async Task<JsonDocument> JsonAsync(SelfTestDeployment deployment, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        using var response = await deployment.Json.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}{Environment.NewLine}{deployment.Output}");
        return JsonDocument.Parse(text);
    }
}
