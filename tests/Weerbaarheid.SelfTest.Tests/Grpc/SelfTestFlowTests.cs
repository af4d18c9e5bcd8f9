using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.SelfTest.Tests.Infrastructure;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.Testing;
using Answer = Weerbaarheid.SelfTest.V1.Answer;
using Severity = Weerbaarheid.SelfTest.V1.Severity;

namespace Weerbaarheid.SelfTest.Tests.Grpc;

/// <summary>
/// Taking a self-test over gRPC, anonymously: the instruments, starting, answering all at once or page by
/// page, the result with its scores, band, rules, urgent help and recommendations, deleting, expiry, and
/// every kind of bad input answered with a clear status (every problem listed), never a crash.
/// </summary>
public sealed class SelfTestFlowTests(SelfTestHost host) : IClassFixture<SelfTestHost>
{
    private SelfTestApp App => host.App;

    private SelfTestClient Client => App.Anonymous;

    // Instruments

    [Fact]
    public async Task Every_instrument_is_listed_anonymously_with_its_items_and_options()
    {
        var instruments = (await Client.ListInstrumentsAsync(new ListInstrumentsRequest())).Instruments;

        Assert.NotEmpty(instruments);
        Assert.Equal(instruments.Select(i => i.Name).Distinct(), instruments.Select(i => i.Name));
        Assert.All(instruments, i => Assert.Equal($"instruments/{i.Id}", i.Name));
        var phq9 = Assert.Single(instruments, i => i.Id == "phq-9");
        Assert.Equal(Enumerable.Range(1, 9), phq9.Items.Select(i => i.Number));
        Assert.All(phq9.Items, item =>
        {
            Assert.Equal([0, 1, 2, 3], item.Options.Select(o => o.Value));
            Assert.False(string.IsNullOrWhiteSpace(item.Text.Nl));
            Assert.False(string.IsNullOrWhiteSpace(item.Text.En));
        });
        Assert.Equal((0, 27), (phq9.MinimumTotal, phq9.MaximumTotal));
        Assert.Equal(0, phq9.Bands[0].From);
        Assert.Equal(27, phq9.Bands[^1].To);
    }

    [Fact]
    public async Task An_instrument_is_read_at_its_current_version_or_at_version_1()
    {
        var current = (await Client.GetInstrumentAsync(new GetInstrumentRequest { Name = "instruments/phq-9" })).Instrument;
        var first = (await Client.GetInstrumentAsync(new GetInstrumentRequest { Name = "instruments/phq-9", Version = 1 })).Instrument;

        Assert.Equal(("phq-9", 9), (current.Id, current.Items.Count));
        Assert.True(current.Version >= 1);
        Assert.Equal(1, first.Version);
        Assert.Equal("instruments/phq-9", first.Name);
    }

    [Fact]
    public async Task An_unknown_instrument_or_version_is_refused_naming_each_bad_field()
    {
        Assert.Equal(["name", "version"], await Rpc.InvalidFieldsAsync(() =>
            Client.GetInstrumentAsync(new GetInstrumentRequest { Name = "instruments/bestaat-niet", Version = -1 })));
        Assert.Equal(["version"], await Rpc.InvalidFieldsAsync(() =>
            Client.GetInstrumentAsync(new GetInstrumentRequest { Name = "instruments/phq-9", Version = 99 })));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() =>
            Client.GetInstrumentAsync(new GetInstrumentRequest { Name = "phq-9" })));
        Assert.Equal(["instrument", "version"], await Rpc.InvalidFieldsAsync(() =>
            Client.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/bestaat-niet", Version = -1 })));
        Assert.Equal(["version"], await Rpc.InvalidFieldsAsync(() =>
            Client.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/phq-9", Version = 99 })));
    }

    // Starting

    [Fact]
    public async Task Starting_returns_a_fresh_43_character_token_and_the_expiry_day()
    {
        var first = await Client.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/phq-9" });
        var second = await Client.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/phq-9" });

        Assert.Equal(43, first.Token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first.Token);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal("instruments/phq-9", first.Instrument.Name);
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 12, Day = 30 }, first.ExpiresOn);
    }

    // Answering and the result

    [Fact]
    public async Task All_answers_at_once_with_finish_give_a_result_with_total_band_advice_and_severity()
    {
        var token = await Client.StartAsync("phq-9");

        var submitted = await Client.SubmitAsync(token, Sheet.Items(2, 2, 2, 2, 2, 0, 0, 0, 0), finish: true);
        var result = await Client.ResultAsync(token);

        Assert.Equal((9, true), (submitted.Answered, submitted.Finished));
        Assert.Empty(submitted.MissingItems);
        Assert.Equal(("instruments/phq-9", 1), (result.Instrument, result.Version));
        Assert.Equal((10, 10, 27), (result.RawTotal, result.Total, result.MaximumTotal));
        Assert.Equal(("moderate", 10, 14), (result.Band.Id, result.Band.From, result.Band.To));
        Assert.False(string.IsNullOrWhiteSpace(result.Band.Advice.Nl));
        Assert.False(string.IsNullOrWhiteSpace(result.Band.Advice.En));
        Assert.Equal(Severity.Moderate, result.Severity);
        Assert.NotNull(result.UrgentHelp); // above mild
        Assert.Equal(SelfTestApp.StartWeek, result.CompletedWeek);
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 12, Day = 30 }, result.ExpiresOn);
        Assert.False(string.IsNullOrWhiteSpace(result.Source.Citation));
    }

    [Fact]
    public async Task Answers_page_by_page_are_merged_a_later_answer_replaces_an_earlier_one_and_finish_completes()
    {
        var token = await Client.StartAsync("phq-9");

        var first = await Client.SubmitAsync(token, Sheet.Items(3, 3, 1, 1, 3));
        var second = await Client.SubmitAsync(token, Sheet.From(5, 0, 1, 1, 1, 0).Append(new(1, 0)));
        var finished = await Client.SubmitAsync(token, [], finish: true);
        var result = await Client.ResultAsync(token);

        Assert.Equal((5, false), (first.Answered, first.Finished));
        Assert.Equal([6, 7, 8, 9], first.MissingItems);
        Assert.Equal((9, false), (second.Answered, second.Finished));
        Assert.Empty(second.MissingItems);
        Assert.Equal((9, true), (finished.Answered, finished.Finished));
        Assert.Equal(0 + 3 + 1 + 1 + 0 + 1 + 1 + 1 + 0, result.Total);
        Assert.Equal("mild", result.Band.Id);
        Assert.Equal(Severity.Mild, result.Severity);
        Assert.Null(result.UrgentHelp);
    }

    [Fact]
    public async Task Finishing_with_items_missing_lists_every_missing_item_and_keeps_nothing()
    {
        var token = await Client.StartAsync("phq-9");

        var violations = await ViolationsAsync(() => Client.SubmitAsync(token, Sheet.Items(1, 1, 1, 1, 1), finish: true));

        Assert.Equal(4, violations.Count);
        Assert.All(violations, v => Assert.Equal("answers", v.Field));
        foreach (var (item, violation) in new[] { 6, 7, 8, 9 }.Zip(violations))
        {
            Assert.Contains($"Item {item} ", violation.Description);
        }

        var nothingKept = await Client.SubmitAsync(token, []);
        Assert.Equal(0, nothingKept.Answered);
        Assert.Equal(Enumerable.Range(1, 9), nothingKept.MissingItems);
    }

    [Fact]
    public async Task Bad_item_numbers_duplicates_and_out_of_range_values_are_all_reported_in_one_answer()
    {
        var token = await Client.StartAsync("phq-9");
        var request = new SubmitAnswersRequest
        {
            Token = token,
            Answers =
            {
                new Answer { Item = 0, Value = 1 },
                new Answer { Item = 3, Value = 9 },
                new Answer { Item = 2, Value = 0 },
                new Answer { Item = 2, Value = 1 },
                new Answer { Item = 10, Value = -1 },
                new Answer { Item = 4, Value = 2 },
                new Answer { Item = int.MaxValue, Value = int.MinValue },
            },
        };

        var fields = await Rpc.InvalidFieldsAsync(() => Client.SubmitAnswersAsync(request));

        Assert.Equal(["answers[0].item", "answers[1].value", "answers[3].item", "answers[4].item", "answers[4].value", "answers[6].item", "answers[6].value"], fields);
        // Nothing of a refused page is kept, not even its valid answers.
        Assert.Equal(0, (await Client.SubmitAsync(token, [])).Answered);
    }

    [Fact]
    public async Task The_result_of_an_unfinished_self_test_is_not_there_yet()
    {
        var token = await Client.StartAsync("phq-9");
        await Client.SubmitAsync(token, Sheet.Items(Sheet.All(9, 1)));

        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Client.ResultAsync(token));
    }

    [Fact]
    public async Task A_malformed_token_is_invalid_and_a_well_formed_unknown_one_is_not_found()
    {
        foreach (var malformed in new[] { "", "kort", new string('!', 43), SelfTestToken.New() + "A", SelfTestToken.New()[..42] })
        {
            Assert.Equal(["token"], await Rpc.InvalidFieldsAsync(() => Client.ResultAsync(malformed)));
            Assert.Equal(["token"], await Rpc.InvalidFieldsAsync(() => Client.SubmitAsync(malformed, Sheet.Items(1))));
            Assert.Equal(["token"], await Rpc.InvalidFieldsAsync(() => Client.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = malformed })));
        }

        var unknown = SelfTestToken.New();
        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.ResultAsync(unknown));
        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.SubmitAsync(unknown, Sheet.Items(1)));
        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = unknown }));
    }

    [Fact]
    public async Task A_finished_self_test_takes_no_more_answers()
    {
        var token = await Client.CompleteAsync("phq-9", Sheet.All(9, 0));

        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Client.SubmitAsync(token, Sheet.Items(3)));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Client.SubmitAsync(token, [], finish: true));
        Assert.Equal(0, (await Client.ResultAsync(token)).Total);
    }

    [Fact]
    public async Task Any_answer_above_0_on_phq_9_item_9_shows_urgent_help_even_at_a_minimal_total()
    {
        var result = await Client.TakeAsync("phq-9", 0, 0, 0, 0, 0, 0, 0, 0, 1);

        Assert.Equal((1, "minimal"), (result.Total, result.Band.Id));
        Assert.Equal(Severity.Urgent, result.Severity);
        var rule = Assert.Single(result.Rules, r => r.Id == "item-9");
        Assert.True(rule.Triggered);
        Assert.False(string.IsNullOrWhiteSpace(rule.Advice.En));
        Assert.NotNull(result.UrgentHelp);
        Assert.Contains(result.UrgentHelp.Contacts, c => c.Phone == "113");
        Assert.Contains(result.UrgentHelp.Contacts, c => c.Phone == "0800-0113");
        Assert.Contains(result.UrgentHelp.Contacts, c => c.Phone == "112");
    }

    [Fact]
    public async Task A_minimal_result_without_a_triggered_rule_shows_no_urgent_help()
    {
        var result = await Client.TakeAsync("phq-9", Sheet.All(9, 0));

        Assert.Equal(("minimal", Severity.None), (result.Band.Id, result.Severity));
        Assert.Null(result.UrgentHelp);
        var rule = Assert.Single(result.Rules, r => r.Id == "item-9");
        Assert.False(rule.Triggered);
        Assert.Null(rule.Advice);
    }

    [Fact]
    public async Task Pcl_5_reports_four_cluster_scores_and_the_cutoff_and_the_dsm5_pattern_separately()
    {
        // Everything rated 2 except the two avoidance (C) items rated 1: 38, over the cut-off of 33, but no
        // C item endorsed, so no provisional DSM-5 diagnosis.
        var overCutoff = await Client.TakeAsync("pcl-5", [.. Sheet.All(5, 2), 1, 1, .. Sheet.All(13, 2)]);
        // One B, one C, two D and two E items rated 2, the rest 0: 12, under the cut-off, yet the pattern.
        var pattern = await Client.TakeAsync("pcl-5", 2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0);

        Assert.Equal(["B", "C", "D", "E"], overCutoff.Subscales.Select(s => s.Id));
        Assert.Equal([(10, 5, 5), (2, 0, 2), (14, 7, 7), (12, 6, 6)], overCutoff.Subscales.Select(s => (s.Score, s.Endorsed, s.ItemCount)));
        Assert.Equal(38, overCutoff.Total);
        Assert.Equal([("cutoff", true), ("dsm5-pattern", false)], overCutoff.Rules.Select(r => (r.Id, r.Triggered)));
        Assert.Equal(("probable-ptsd", Severity.Severe), (overCutoff.Band.Id, overCutoff.Severity));

        Assert.Equal([(2, 1), (2, 1), (4, 2), (4, 2)], pattern.Subscales.Select(s => (s.Score, s.Endorsed)));
        Assert.Equal(12, pattern.Total);
        Assert.Equal([("cutoff", false), ("dsm5-pattern", true)], pattern.Rules.Select(r => (r.Id, r.Triggered)));
        Assert.Equal("below-cutoff", pattern.Band.Id);
        Assert.Equal(Severity.Moderate, pattern.Severity); // lifted by the pattern
        Assert.NotNull(pattern.UrgentHelp);
    }

    [Fact]
    public async Task Who_5_reports_the_raw_total_times_4_as_a_percentage()
    {
        var result = await Client.TakeAsync("who-5", 3, 3, 3, 4, 2);

        Assert.Equal((15, 60, 100), (result.RawTotal, result.Total, result.MaximumTotal));
        Assert.Equal(("good-wellbeing", 51, 100), (result.Band.Id, result.Band.From, result.Band.To));
    }

    [Fact]
    public async Task While_Offerings_is_unreachable_recommendations_come_from_the_local_copy_and_the_result_says_so()
    {
        await SampleOfferings.PublishAllAsync(App);

        var minimal = await Client.TakeAsync("phq-9", Sheet.All(9, 0));
        var urgent = await Client.TakeAsync("phq-9", 0, 0, 0, 0, 0, 0, 0, 0, 2);

        Assert.Equal(RecommendationSource.LocalCopy, minimal.RecommendationSource);
        Assert.False(string.IsNullOrWhiteSpace(minimal.RecommendationNote?.Nl));
        Assert.False(string.IsNullOrWhiteSpace(minimal.RecommendationNote?.En));
        // PHQ-9 is about stress and burn-out: the stress self-help fits; peer support after incidents does not.
        var selfHelp = Assert.Single(minimal.Recommendations);
        Assert.Equal((SampleOfferings.StressSelfHelp, "Self-help for stress", "https://intranet.example/stress", false),
            (selfHelp.Offering, selfHelp.Title.En, selfHelp.AccessUrl, selfHelp.AroundTheClock));
        Assert.False(string.IsNullOrWhiteSpace(selfHelp.Reason.Nl));

        // Urgent: the around-the-clock peer support comes first.
        Assert.Equal(RecommendationSource.LocalCopy, urgent.RecommendationSource);
        Assert.Equal([SampleOfferings.PeerSupport, SampleOfferings.StressSelfHelp], urgent.Recommendations.Select(r => r.Offering));
        Assert.True(urgent.Recommendations[0].AroundTheClock);
    }

    // Deleting and expiry

    [Fact]
    public async Task A_deleted_self_test_is_gone()
    {
        var token = await Client.CompleteAsync("gad-7", Sheet.All(7, 1));
        var hash = SelfTestToken.Hash(token);

        await Client.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = token });

        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.ResultAsync(token));
        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.SubmitAsync(token, Sheet.Items(1)));
        await Rpc.FailsAsync(StatusCode.NotFound, () => Client.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = token }));
        Assert.False(await App.DbAsync(db => db.SelfTests.AnyAsync(s => s.TokenHash == hash)));
    }

    [Fact]
    public async Task A_self_test_is_gone_from_its_expiry_day_and_the_purge_deletes_its_row()
    {
        var finished = await Client.CompleteAsync("phq-9", Sheet.All(9, 1));
        var unfinished = await Client.StartAsync("gad-7");
        var hashes = new[] { SelfTestToken.Hash(finished), SelfTestToken.Hash(unfinished) };
        var lastDay = Instant.FromUtc(2026, 12, 29, 22, 59, 59); // 23:59:59 on 29 December in Amsterdam
        try
        {
            App.Clock.Reset(lastDay);
            Assert.Equal(0, await App.PurgeExpiredAsync());
            Assert.Equal(9, (await Client.ResultAsync(finished)).Total);
            Assert.Equal(2, await App.DbAsync(db => db.SelfTests.CountAsync(s => hashes.Contains(s.TokenHash))));

            App.Clock.Advance(Duration.FromSeconds(1)); // 30 December, the expiry day, has begun
            await Rpc.FailsAsync(StatusCode.NotFound, () => Client.ResultAsync(finished));
            await Rpc.FailsAsync(StatusCode.NotFound, () => Client.SubmitAsync(unfinished, Sheet.Items(1)));

            var expired = await App.DbAsync(db => db.SelfTests.CountAsync());
            Assert.True(expired >= 2);
            Assert.Equal(expired, await App.PurgeExpiredAsync());
            Assert.Equal(0, await App.DbAsync(db => db.SelfTests.CountAsync()));
            Assert.Equal(0, await App.PurgeExpiredAsync());
        }
        finally
        {
            App.Clock.Reset(SelfTestApp.Start);
        }
    }

    // Concurrency

    [Fact]
    public async Task Two_pages_submitted_at_once_never_lose_an_answer()
    {
        for (var round = 0; round < 10; round++)
        {
            var token = await Client.StartAsync("phq-9");

            await Task.WhenAll(
                SubmitRetryingAsync(token, Sheet.Items(1, 2, 3, 0)),
                SubmitRetryingAsync(token, Sheet.From(5, 3, 2, 1, 0, 1)));

            var finished = await Client.SubmitAsync(token, [], finish: true);
            Assert.Equal((9, true), (finished.Answered, finished.Finished));
            Assert.Equal(13, (await Client.ResultAsync(token)).Total);
        }
    }

    /// <summary>Submits a page; a page that lost a race (Aborted) is sent again, as a client would.</summary>
    private async Task SubmitRetryingAsync(string token, Dictionary<int, int> page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Client.SubmitAsync(token, page);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted && attempt < 5)
            {
            }
        }
    }

    private static async Task<IReadOnlyList<BadRequest.Types.FieldViolation>> ViolationsAsync(Func<Task> call)
    {
        var exception = await Rpc.FailsAsync(StatusCode.InvalidArgument, call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest.FieldViolations;
    }
}
