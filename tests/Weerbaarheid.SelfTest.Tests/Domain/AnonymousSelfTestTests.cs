using NodaTime;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>A self-test answered page by page, finished once, keyed only by the hash of its token.</summary>
public sealed class AnonymousSelfTestTests
{
    private static readonly IsoWeek Week10 = new(2026, 10);
    private static readonly IsoWeek Week11 = new(2026, 11);
    private static readonly Period Retention = Period.FromWeeks(4);

    [Fact]
    public void Starting_keeps_the_hash_of_the_token_the_instrument_version_and_weeks_only()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var (selfTest, token) = AnonymousSelfTest.Start(phq9, Week10, Retention);

        Assert.True(SelfTestToken.IsWellFormed(token));
        Assert.Equal(SelfTestToken.Hash(token), selfTest.TokenHash);
        Assert.NotEqual(token, selfTest.TokenHash);
        Assert.Equal(("phq-9", 1), (selfTest.InstrumentId, selfTest.InstrumentVersion));
        Assert.Equal("2026-W10", selfTest.StartedWeek);
        Assert.Null(selfTest.CompletedWeek);
        Assert.Null(selfTest.Band);
        Assert.False(selfTest.IsCompleted);
        Assert.Empty(selfTest.Answers);
    }

    [Fact]
    public void It_expires_a_week_after_the_start_week_plus_the_retention()
    {
        var (selfTest, _) = AnonymousSelfTest.Start(ShippedInstruments.Get("phq-9"), Week10, Retention);

        // 2026-W10 starts on Monday 2 March; plus one week, plus four.
        Assert.Equal(new LocalDate(2026, 4, 6), selfTest.ExpiresOn);
        Assert.False(selfTest.IsExpiredOn(new LocalDate(2026, 4, 5)));
        Assert.True(selfTest.IsExpiredOn(new LocalDate(2026, 4, 6)));
    }

    [Fact]
    public void Every_start_has_its_own_token()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var (first, firstToken) = AnonymousSelfTest.Start(phq9, Week10, Retention);
        var (second, secondToken) = AnonymousSelfTest.Start(phq9, Week10, Retention);

        Assert.NotEqual(firstToken, secondToken);
        Assert.NotEqual(first.TokenHash, second.TokenHash);
    }

    [Fact]
    public void Pages_are_merged_and_a_later_answer_replaces_an_earlier_one()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var (selfTest, _) = AnonymousSelfTest.Start(phq9, Week10, Retention);

        Assert.Null(selfTest.Submit(phq9, [new(1, 1), new(2, 1), new(3, 3), new(4, 1)], finish: false, Week10));
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 3, [4] = 1 }, selfTest.Answers);

        Assert.Null(selfTest.Submit(phq9, [new(3, 0), new(5, 2)], finish: false, Week10));
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 0, [4] = 1, [5] = 2 }, selfTest.Answers);

        var result = selfTest.Submit(phq9, [new(6, 0), new(7, 0), new(8, 0), new(9, 0)], finish: true, Week11);

        Assert.NotNull(result);
        Assert.Equal(5, result.RawTotal);
        Assert.Equal("mild", result.Band.Id);
        Assert.Equal(9, selfTest.Answers.Count);
        Assert.True(selfTest.IsCompleted);
        Assert.Equal("2026-W11", selfTest.CompletedWeek);
        Assert.Equal("mild", selfTest.Band);
        Assert.Equal("2026-W10", selfTest.StartedWeek);
    }

    [Fact]
    public void Finishing_with_an_empty_page_scores_the_answers_given_before()
    {
        var who5 = ShippedInstruments.Get("who-5");
        var answers = Answers.InOrder(who5, 3, 3, 3, 3, 1);
        var (selfTest, _) = AnonymousSelfTest.Start(who5, Week10, Retention);
        selfTest.Submit(who5, Answers.Page(answers), finish: false, Week10);

        var result = selfTest.Submit(who5, [], finish: true, Week10);

        Assert.NotNull(result);
        Assert.Equal(SelfTestScorer.Score(who5, answers).ReportedTotal, result.ReportedTotal);
        Assert.Equal("good-wellbeing", selfTest.Band);
        Assert.True(result.Rules.Single().Triggered);
    }

    [Fact]
    public void Finishing_with_items_missing_lists_each_missing_item_and_changes_nothing()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var (selfTest, _) = AnonymousSelfTest.Start(phq9, Week10, Retention);
        selfTest.Submit(phq9, [new(1, 1), new(2, 1)], finish: false, Week10);

        var exception = Assert.Throws<ValidationFailedException>(() =>
            selfTest.Submit(phq9, [new(4, 1), new(8, 2)], finish: true, Week10));

        Assert.Collection(exception.Violations,
            new[] { 3, 5, 6, 7, 9 }.Select(item => (Action<FieldViolation>)(v =>
            {
                Assert.Equal("answers", v.Field);
                Assert.Contains($"Item {item} ", v.Description, StringComparison.Ordinal);
            })).ToArray());
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [2] = 1 }, selfTest.Answers);
        Assert.False(selfTest.IsCompleted);
    }

    [Fact]
    public void A_bad_page_is_rejected_whole_with_every_bad_field_and_every_missing_item()
    {
        var gad7 = ShippedInstruments.Get("gad-7");
        var (selfTest, _) = AnonymousSelfTest.Start(gad7, Week10, Retention);

        var exception = Assert.Throws<ValidationFailedException>(() =>
            selfTest.Submit(gad7, [new(1, 1), new(2, 5), new(9, 0), new(1, 2), new(3, 0), new(4, 0), new(5, 0)], finish: true, Week10));

        Assert.Equal(
            ["answers[1].value", "answers[2].item", "answers[3].item", "answers", "answers"],
            exception.Violations.Select(v => v.Field));
        Assert.Contains("Item 6 ", exception.Violations[3].Description, StringComparison.Ordinal);
        Assert.Contains("Item 7 ", exception.Violations[4].Description, StringComparison.Ordinal);
        Assert.Empty(selfTest.Answers);
        Assert.False(selfTest.IsCompleted);
    }

    [Fact]
    public void A_bad_page_without_finishing_records_none_of_its_answers()
    {
        var k10 = ShippedInstruments.Get("k10");
        var (selfTest, _) = AnonymousSelfTest.Start(k10, Week10, Retention);

        var exception = Assert.Throws<ValidationFailedException>(() =>
            selfTest.Submit(k10, [new(1, 3), new(2, 0)], finish: false, Week10));

        Assert.Equal("answers[1].value", Assert.Single(exception.Violations).Field);
        Assert.Empty(selfTest.Answers);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_finished_self_test_cannot_be_answered_again(bool finish)
    {
        var gad7 = ShippedInstruments.Get("gad-7");
        var answers = Answers.All(gad7, 2);
        var (selfTest, _) = AnonymousSelfTest.Start(gad7, Week10, Retention);
        Assert.NotNull(selfTest.Submit(gad7, Answers.Page(answers), finish: true, Week10));

        Assert.Throws<PreconditionFailedException>(() => selfTest.Submit(gad7, [new(1, 0)], finish, Week11));

        Assert.Equal(answers, selfTest.Answers);
        Assert.Equal("2026-W10", selfTest.CompletedWeek);
        Assert.Equal("moderate", selfTest.Band);
    }
}
