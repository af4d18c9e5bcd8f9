using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>Submitted answers are checked field by field, and every bad field is reported.</summary>
public sealed class AnswerRulesTests
{
    [Fact]
    public void A_valid_page_has_no_violations()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        Assert.Empty(AnswerRules.CheckPage(phq9, [new Answer(1, 0), new Answer(9, 3), new Answer(5, 2)]));
        Assert.Empty(AnswerRules.CheckPage(phq9, []));
    }

    [Fact]
    public void Every_bad_field_is_reported_with_its_path()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        Answer[] page =
        [
            new(0, 1),  // no item 0
            new(3, 1),
            new(3, 2),  // item 3 again
            new(4, 7),  // 7 is not an answer
            new(10, 9), // no item 10, and 9 is not an answer
            new(-1, -1),
        ];

        var violations = AnswerRules.CheckPage(phq9, page);

        Assert.Equal(
            ["answers[0].item", "answers[2].item", "answers[3].value", "answers[4].item", "answers[4].value", "answers[5].item", "answers[5].value"],
            violations.Select(v => v.Field));
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public void Descriptions_do_not_repeat_the_submitted_values()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var violations = AnswerRules.CheckPage(phq9, [new Answer(24680, 13579), new Answer(2, 97531), new Answer(2, 1)]);

        Assert.Equal(["answers[0].item", "answers[0].value", "answers[1].value", "answers[2].item"], violations.Select(v => v.Field));
        Assert.All(violations, v =>
        {
            Assert.DoesNotContain("24680", v.Description, StringComparison.Ordinal);
            Assert.DoesNotContain("13579", v.Description, StringComparison.Ordinal);
            Assert.DoesNotContain("97531", v.Description, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("k10", 0)]
    [InlineData("k10", 6)]
    [InlineData("phq-9", 4)]
    [InlineData("gad-7", -1)]
    [InlineData("pcl-5", 5)]
    [InlineData("who-5", 6)]
    public void A_value_outside_the_options_is_rejected(string id, int value)
    {
        var instrument = ShippedInstruments.Get(id);

        var violation = Assert.Single(AnswerRules.CheckPage(instrument, [new Answer(1, instrument.LowestAnswer), new Answer(2, value)]));

        Assert.Equal("answers[1].value", violation.Field);
    }

    [Theory]
    [InlineData("phq-9", 10)]
    [InlineData("gad-7", 8)]
    [InlineData("k10", 11)]
    [InlineData("pcl-5", 21)]
    [InlineData("who-5", 6)]
    public void An_item_beyond_the_last_is_rejected(string id, int item)
    {
        var instrument = ShippedInstruments.Get(id);

        var violation = Assert.Single(AnswerRules.CheckPage(instrument, [new Answer(item, instrument.LowestAnswer)]));

        Assert.Equal("answers[0].item", violation.Field);
    }

    [Fact]
    public void The_field_prefix_can_be_chosen()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var violation = Assert.Single(AnswerRules.CheckPage(phq9, [new Answer(1, 9)], "page.answers"));

        Assert.Equal("page.answers[0].value", violation.Field);
    }

    [Fact]
    public void Missing_lists_the_unanswered_items_in_order()
    {
        var gad7 = ShippedInstruments.Get("gad-7");

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], AnswerRules.Missing(gad7, new Dictionary<int, int>()));
        Assert.Equal([2, 5, 7], AnswerRules.Missing(gad7, new Dictionary<int, int> { [6] = 0, [1] = 1, [4] = 2, [3] = 3 }));
        Assert.Empty(AnswerRules.Missing(gad7, Answers.All(gad7, 0)));
    }

    [Fact]
    public void Complete_means_every_item_once_with_a_valid_answer_and_nothing_else()
    {
        var gad7 = ShippedInstruments.Get("gad-7");
        var complete = Answers.All(gad7, 1);

        Assert.True(AnswerRules.IsComplete(gad7, complete));
        Assert.False(AnswerRules.IsComplete(gad7, new Dictionary<int, int>(complete) { [8] = 1 }));
        Assert.False(AnswerRules.IsComplete(gad7, new Dictionary<int, int>(complete) { [7] = 4 }));
        Assert.False(AnswerRules.IsComplete(gad7, complete.Where(a => a.Key != 7).ToDictionary()));
    }
}
