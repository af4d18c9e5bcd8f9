using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>
/// Every shipped instrument scored as its authors publish: both sides of every band boundary, the lowest
/// and highest totals, and each rule on its own.
/// </summary>
public sealed class ScoringTests
{
    /// <summary>Instrument, raw total, reported total, band, band severity.</summary>
    public static TheoryData<string, int, int, string, Severity> BandBoundaries => new()
    {
        // PHQ-9: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
        { "phq-9", 0, 0, "minimal", Severity.None },
        { "phq-9", 4, 4, "minimal", Severity.None },
        { "phq-9", 5, 5, "mild", Severity.Mild },
        { "phq-9", 9, 9, "mild", Severity.Mild },
        { "phq-9", 10, 10, "moderate", Severity.Moderate },
        { "phq-9", 14, 14, "moderate", Severity.Moderate },
        { "phq-9", 15, 15, "moderately-severe", Severity.Severe },
        { "phq-9", 19, 19, "moderately-severe", Severity.Severe },
        { "phq-9", 20, 20, "severe", Severity.Severe },
        { "phq-9", 27, 27, "severe", Severity.Severe },
        // GAD-7: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
        { "gad-7", 0, 0, "minimal", Severity.None },
        { "gad-7", 4, 4, "minimal", Severity.None },
        { "gad-7", 5, 5, "mild", Severity.Mild },
        { "gad-7", 9, 9, "mild", Severity.Mild },
        { "gad-7", 10, 10, "moderate", Severity.Moderate },
        { "gad-7", 14, 14, "moderate", Severity.Moderate },
        { "gad-7", 15, 15, "severe", Severity.Severe },
        { "gad-7", 21, 21, "severe", Severity.Severe },
        // K10: 10–15 low, 16–21 moderate, 22–29 high, 30–50 very high.
        { "k10", 10, 10, "low", Severity.None },
        { "k10", 15, 15, "low", Severity.None },
        { "k10", 16, 16, "moderate", Severity.Mild },
        { "k10", 21, 21, "moderate", Severity.Mild },
        { "k10", 22, 22, "high", Severity.Moderate },
        { "k10", 29, 29, "high", Severity.Moderate },
        { "k10", 30, 30, "very-high", Severity.Severe },
        { "k10", 50, 50, "very-high", Severity.Severe },
        // PCL-5 (default cut-off 33): 0–32 below the cut-off, 33–80 probable PTSD.
        { "pcl-5", 0, 0, "below-cutoff", Severity.None },
        { "pcl-5", 32, 32, "below-cutoff", Severity.None },
        { "pcl-5", 33, 33, "probable-ptsd", Severity.Severe },
        { "pcl-5", 80, 80, "probable-ptsd", Severity.Severe },
        // WHO-5, on the percentage (raw × 4): ≤ 28 % likely depression, ≤ 50 % poor, above that good.
        { "who-5", 0, 0, "likely-depression", Severity.Moderate },
        { "who-5", 7, 28, "likely-depression", Severity.Moderate },
        { "who-5", 8, 32, "poor-wellbeing", Severity.Mild },
        { "who-5", 12, 48, "poor-wellbeing", Severity.Mild },
        { "who-5", 13, 52, "good-wellbeing", Severity.None },
        { "who-5", 25, 100, "good-wellbeing", Severity.None },
    };

    [Theory]
    [MemberData(nameof(BandBoundaries))]
    public void Total_falls_in_the_published_band(string id, int rawTotal, int reportedTotal, string band, Severity bandSeverity)
    {
        var instrument = ShippedInstruments.Get(id);

        var result = SelfTestScorer.Score(instrument, Answers.ForTotal(instrument, rawTotal));

        Assert.Equal(rawTotal, result.RawTotal);
        Assert.Equal(reportedTotal, result.ReportedTotal);
        Assert.Equal(band, result.Band.Id);
        Assert.Equal(bandSeverity, result.Band.Severity);
        Assert.Equal(band, SelfTestScorer.BandOf(instrument, reportedTotal).Id);
    }

    [Fact]
    public void Every_reported_total_of_every_instrument_falls_in_exactly_the_band_whose_range_holds_it()
    {
        foreach (var instrument in ShippedInstruments.Catalogue.Current)
        {
            for (var raw = instrument.MinimumTotal; raw <= instrument.MaximumTotal; raw++)
            {
                var result = SelfTestScorer.Score(instrument, Answers.ForTotal(instrument, raw));
                var holding = instrument.Bands.Where(b =>
                {
                    var (from, to) = SelfTestScorer.RangeOf(instrument, b);
                    return from <= result.ReportedTotal && result.ReportedTotal <= to;
                });

                Assert.Equal(result.Band, Assert.Single(holding));
            }
        }
    }

    /// <summary>Instrument, every item lowest: raw and reported; every item highest: raw and reported.</summary>
    public static TheoryData<string, int, int, int, int> Extremes => new()
    {
        { "phq-9", 0, 0, 27, 27 },
        { "gad-7", 0, 0, 21, 21 },
        { "k10", 10, 10, 50, 50 },
        { "pcl-5", 0, 0, 80, 80 },
        { "who-5", 0, 0, 25, 100 },
    };

    [Theory]
    [MemberData(nameof(Extremes))]
    public void Lowest_and_highest_totals_are_the_published_range(string id, int minimumRaw, int minimumReported, int maximumRaw, int maximumReported)
    {
        var instrument = ShippedInstruments.Get(id);

        var lowest = SelfTestScorer.Score(instrument, Answers.All(instrument, instrument.LowestAnswer));
        var highest = SelfTestScorer.Score(instrument, Answers.All(instrument, instrument.HighestAnswer));

        Assert.Equal(minimumRaw, instrument.MinimumTotal);
        Assert.Equal(maximumRaw, instrument.MaximumTotal);
        Assert.Equal((minimumRaw, minimumReported), (lowest.RawTotal, lowest.ReportedTotal));
        Assert.Equal((maximumRaw, maximumReported), (highest.RawTotal, highest.ReportedTotal));
        Assert.Equal(instrument.Bands[0], lowest.Band);
        Assert.Equal(instrument.Bands[^1], highest.Band);
    }

    /// <summary>Instrument, band, first and last reported total in it.</summary>
    public static TheoryData<string, string, int, int> BandRanges => new()
    {
        { "phq-9", "minimal", 0, 4 },
        { "phq-9", "mild", 5, 9 },
        { "phq-9", "moderate", 10, 14 },
        { "phq-9", "moderately-severe", 15, 19 },
        { "phq-9", "severe", 20, 27 },
        { "gad-7", "minimal", 0, 4 },
        { "gad-7", "mild", 5, 9 },
        { "gad-7", "moderate", 10, 14 },
        { "gad-7", "severe", 15, 21 },
        { "k10", "low", 10, 15 },
        { "k10", "moderate", 16, 21 },
        { "k10", "high", 22, 29 },
        { "k10", "very-high", 30, 50 },
        { "pcl-5", "below-cutoff", 0, 32 },
        { "pcl-5", "probable-ptsd", 33, 80 },
        { "who-5", "likely-depression", 0, 28 },
        { "who-5", "poor-wellbeing", 29, 50 },
        { "who-5", "good-wellbeing", 51, 100 },
    };

    [Theory]
    [MemberData(nameof(BandRanges))]
    public void Band_ranges_are_the_published_ranges(string id, string band, int from, int to)
    {
        var instrument = ShippedInstruments.Get(id);

        Assert.Equal((from, to), SelfTestScorer.RangeOf(instrument, instrument.Bands.Single(b => b.Id == band)));
    }

    [Fact]
    public void Who5_reports_the_raw_total_times_four_as_a_percentage()
    {
        var who5 = ShippedInstruments.Get("who-5");
        Assert.Equal(4, who5.Total.Multiplier);
        Assert.Equal("%", who5.Total.Unit);

        for (var raw = 0; raw <= 25; raw++)
        {
            var result = SelfTestScorer.Score(who5, Answers.ForTotal(who5, raw));

            Assert.Equal(raw, result.RawTotal);
            Assert.Equal(raw * 4, result.ReportedTotal);
        }
    }

    [Theory]
    [InlineData(7, 28, "likely-depression")]
    [InlineData(8, 32, "poor-wellbeing")]
    [InlineData(12, 48, "poor-wellbeing")]
    [InlineData(13, 52, "good-wellbeing")]
    public void Who5_bands_apply_to_the_percentage_not_the_raw_total(int raw, int percentage, string band)
    {
        var who5 = ShippedInstruments.Get("who-5");

        var result = SelfTestScorer.Score(who5, Answers.ForTotal(who5, raw));

        Assert.Equal(percentage, result.ReportedTotal);
        Assert.Equal(band, result.Band.Id);
    }

    [Fact]
    public void K10_answers_run_from_1_to_5_so_totals_run_from_10_to_50()
    {
        var k10 = ShippedInstruments.Get("k10");

        Assert.Equal([1, 2, 3, 4, 5], k10.Options.Select(o => o.Value));
        Assert.Equal("None of the time", k10.Options[0].Label.En);
        Assert.Equal("All of the time", k10.Options[^1].Label.En);
        Assert.Equal(10, k10.Items.Count);
        Assert.Equal(10, SelfTestScorer.Score(k10, Answers.All(k10, 1)).RawTotal);
        Assert.Equal(50, SelfTestScorer.Score(k10, Answers.All(k10, 5)).RawTotal);
    }

    [Fact]
    public void K10_rejects_an_answer_of_0()
    {
        var k10 = ShippedInstruments.Get("k10");
        var answers = Answers.All(k10, 1);
        answers[4] = 0;

        var violation = Assert.Single(AnswerRules.CheckPage(k10, [new Answer(4, 0)]));
        Assert.Equal("answers[0].value", violation.Field);
        Assert.False(AnswerRules.IsComplete(k10, answers));
        Assert.Throws<ArgumentException>(() => SelfTestScorer.Score(k10, answers));
    }

    [Theory]
    [InlineData("phq-9", 9)]
    [InlineData("gad-7", 7)]
    [InlineData("k10", 10)]
    [InlineData("pcl-5", 20)]
    [InlineData("who-5", 5)]
    public void An_incomplete_answer_set_is_not_scored(string id, int missingItem)
    {
        var instrument = ShippedInstruments.Get(id);
        var answers = Answers.All(instrument, instrument.LowestAnswer);
        answers.Remove(missingItem);

        Assert.Throws<ArgumentException>(() => SelfTestScorer.Score(instrument, answers));
    }

    // PHQ-9 item 9: any answer above 0 shows urgent help, whatever the total.

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Phq9_item_9_above_0_is_urgent_even_at_the_lowest_total(int item9)
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var result = SelfTestScorer.Score(phq9, Answers.ForTotal(phq9, item9, new Dictionary<int, int> { [9] = item9 }));

        Assert.Equal(item9, result.RawTotal);
        Assert.Equal("minimal", result.Band.Id);
        var rule = Assert.Single(result.Rules);
        Assert.Equal("item-9", rule.Rule.Id);
        Assert.True(rule.Triggered);
        Assert.True(rule.Rule.UrgentHelp);
        Assert.Equal(Severity.Urgent, result.Severity);
        Assert.True(result.ShowsUrgentHelp);
    }

    [Fact]
    public void Phq9_item_9_at_0_with_a_total_of_14_does_not_trigger_the_safety_rule()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var result = SelfTestScorer.Score(phq9, Answers.ForTotal(phq9, 14, new Dictionary<int, int> { [9] = 0 }));

        Assert.Equal(14, result.RawTotal);
        Assert.False(Assert.Single(result.Rules).Triggered);
        Assert.Equal("moderate", result.Band.Id);
        // The band alone decides: moderate, not urgent (moderate is above mild, so the block still shows).
        Assert.Equal(Severity.Moderate, result.Severity);
    }

    [Fact]
    public void Phq9_item_9_at_0_with_a_mild_total_shows_no_urgent_help()
    {
        var phq9 = ShippedInstruments.Get("phq-9");

        var result = SelfTestScorer.Score(phq9, Answers.ForTotal(phq9, 9, new Dictionary<int, int> { [9] = 0 }));

        Assert.False(Assert.Single(result.Rules).Triggered);
        Assert.Equal(Severity.Mild, result.Severity);
        Assert.False(result.ShowsUrgentHelp);
    }

    // ShowsUrgentHelp: above mild, or a triggered rule that asks for it.

    [Theory]
    [InlineData(Severity.None, false)]
    [InlineData(Severity.Mild, false)]
    [InlineData(Severity.Moderate, true)]
    [InlineData(Severity.Severe, true)]
    [InlineData(Severity.Urgent, true)]
    public void Urgent_help_shows_above_mild(Severity severity, bool shows)
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var result = new SelfTestResult(phq9, 0, 0, [], phq9.Bands[0], [new RuleOutcome(phq9.Rules[0], false)], severity);

        Assert.Equal(shows, result.ShowsUrgentHelp);
    }

    [Fact]
    public void Urgent_help_shows_for_a_triggered_rule_that_asks_for_it_whatever_the_severity()
    {
        var phq9 = ShippedInstruments.Get("phq-9");
        var rule = phq9.Rules[0] with { Severity = Severity.None };

        Assert.True(new SelfTestResult(phq9, 0, 0, [], phq9.Bands[0], [new RuleOutcome(rule, true)], Severity.None).ShowsUrgentHelp);
        Assert.False(new SelfTestResult(phq9, 0, 0, [], phq9.Bands[0], [new RuleOutcome(rule with { UrgentHelp = false }, true)], Severity.None).ShowsUrgentHelp);
    }

    /// <summary>Instrument, raw total, whether urgent help shows (no rule asks for it here).</summary>
    public static TheoryData<string, int, bool> UrgentHelpByBand => new()
    {
        { "phq-9", 4, false },
        { "phq-9", 9, false },
        { "phq-9", 10, true },
        { "phq-9", 24, true },
        { "gad-7", 9, false },
        { "gad-7", 10, true },
        { "gad-7", 15, true },
        { "k10", 21, false },
        { "k10", 22, true },
        { "k10", 30, true },
        { "who-5", 7, true },
        { "who-5", 12, false },
        { "who-5", 13, false },
    };

    [Theory]
    [MemberData(nameof(UrgentHelpByBand))]
    public void Urgent_help_shows_from_the_first_band_above_mild(string id, int rawTotal, bool shows)
    {
        var instrument = ShippedInstruments.Get(id);

        var result = SelfTestScorer.Score(instrument, Answers.ForTotal(instrument, rawTotal));

        Assert.Equal(shows, result.ShowsUrgentHelp);
        Assert.Equal(shows, result.Severity > Severity.Mild);
    }

    // PCL-5: the total, the four clusters, and the cut-off and the DSM-5 pattern each reported on its own.

    [Fact]
    public void Pcl5_reports_the_total_cluster_sums_and_endorsed_counts()
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");
        //                                        B: 1  2  3  4  5   C: 6  7   D: 8  9 10 11 12 13 14   E: 15 16 17 18 19 20
        var answers = Answers.InOrder(pcl5, 4, 3, 2, 1, 0, 2, 1, 0, 1, 2, 3, 4, 0, 1, 2, 2, 1, 0, 3, 4);

        var result = SelfTestScorer.Score(pcl5, answers);

        Assert.Equal(36, result.RawTotal);
        Assert.Equal(36, result.ReportedTotal);
        Assert.Equal(
            [("B", 10, (int?)3), ("C", 3, 1), ("D", 11, 3), ("E", 12, 4)],
            result.Subscales.Select(s => (s.Subscale.Id, s.Score, s.Endorsed)));
        Assert.True(Rule(result, "cutoff").Triggered);
        Assert.True(Rule(result, "dsm5-pattern").Triggered);
        Assert.Equal("probable-ptsd", result.Band.Id);
        Assert.Equal(Severity.Severe, result.Severity);
    }

    [Fact]
    public void Pcl5_clusters_are_the_dsm5_criteria_and_an_item_counts_as_endorsed_from_2()
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");

        Assert.Equal(["B", "C", "D", "E"], pcl5.Subscales.Select(s => s.Id));
        Assert.Equal([1, 2, 3, 4, 5], pcl5.Subscales[0].Items);
        Assert.Equal([6, 7], pcl5.Subscales[1].Items);
        Assert.Equal([8, 9, 10, 11, 12, 13, 14], pcl5.Subscales[2].Items);
        Assert.Equal([15, 16, 17, 18, 19, 20], pcl5.Subscales[3].Items);
        Assert.All(pcl5.Subscales, s => Assert.Equal(2, s.EndorsedFrom));
        Assert.Equal(["Intrusion (B)", "Avoidance (C)", "Negative alterations in cognition and mood (D)", "Alterations in arousal and reactivity (E)"],
            pcl5.Subscales.Select(s => s.Label.En));

        // Every item answered 1 ("A little bit"): nothing endorsed; every item 2 ("Moderately"): everything.
        var ones = SelfTestScorer.Score(pcl5, Answers.All(pcl5, 1));
        var twos = SelfTestScorer.Score(pcl5, Answers.All(pcl5, 2));
        Assert.All(ones.Subscales, s => Assert.Equal(0, s.Endorsed));
        Assert.Equal([5, 2, 7, 6], twos.Subscales.Select(s => s.Endorsed!.Value));
    }

    [Fact]
    public void Pcl5_pattern_met_below_the_cutoff_is_reported_and_lifts_the_severity()
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");
        // Exactly the minimum pattern: 1 B, 1 C, 2 D and 2 E items at "Moderately", the rest "Not at all".
        var answers = Answers.All(pcl5, 0);
        foreach (var item in new[] { 1, 6, 8, 9, 15, 16 })
        {
            answers[item] = 2;
        }

        var result = SelfTestScorer.Score(pcl5, answers);

        Assert.Equal(12, result.RawTotal);
        Assert.Equal([1, 1, 2, 2], result.Subscales.Select(s => s.Endorsed!.Value));
        Assert.False(Rule(result, "cutoff").Triggered);
        Assert.True(Rule(result, "dsm5-pattern").Triggered);
        Assert.Equal("below-cutoff", result.Band.Id);
        Assert.Equal(Severity.Moderate, result.Severity);
        Assert.True(result.ShowsUrgentHelp);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(15)]
    public void Pcl5_pattern_is_not_met_when_one_cluster_falls_one_short(int droppedItem)
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");
        var answers = Answers.All(pcl5, 0);
        foreach (var item in new[] { 1, 6, 8, 9, 15, 16 })
        {
            answers[item] = 2;
        }

        answers[droppedItem] = 1;

        var result = SelfTestScorer.Score(pcl5, answers);

        Assert.False(Rule(result, "dsm5-pattern").Triggered);
        Assert.Equal(Severity.None, result.Severity);
    }

    [Fact]
    public void Pcl5_cutoff_met_without_the_pattern_is_reported_separately()
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");
        // No avoidance at all (C = 0), everything else "Moderately": total 36, pattern not met.
        var answers = Answers.All(pcl5, 2);
        answers[6] = 0;
        answers[7] = 0;

        var result = SelfTestScorer.Score(pcl5, answers);

        Assert.Equal(36, result.RawTotal);
        Assert.Equal(0, result.Subscales.Single(s => s.Subscale.Id == "C").Endorsed);
        Assert.True(Rule(result, "cutoff").Triggered);
        Assert.False(Rule(result, "dsm5-pattern").Triggered);
        Assert.Equal("probable-ptsd", result.Band.Id);
        Assert.Equal(Severity.Severe, result.Severity);
    }

    [Theory]
    [InlineData(32, false)]
    [InlineData(33, true)]
    public void Pcl5_default_cutoff_is_33(int total, bool probable)
    {
        var pcl5 = ShippedInstruments.Get("pcl-5");

        var result = SelfTestScorer.Score(pcl5, Answers.ForTotal(pcl5, total));

        Assert.Equal(33, pcl5.Parameters.Single(p => p.Id == "cutoff").Value);
        Assert.Equal(probable, Rule(result, "cutoff").Triggered);
        Assert.Equal(probable ? "probable-ptsd" : "below-cutoff", result.Band.Id);
    }

    [Theory]
    [InlineData(31, 30, false)]
    [InlineData(31, 31, true)]
    [InlineData(32, 31, false)]
    [InlineData(32, 32, true)]
    [InlineData(33, 32, false)]
    [InlineData(33, 33, true)]
    public void Pcl5_cutoff_can_be_set_from_31_to_33(int cutoff, int total, bool probable)
    {
        var catalogue = InstrumentCatalogue.Shipped(new Dictionary<string, Dictionary<string, int>> { ["pcl-5"] = new() { ["cutoff"] = cutoff } });
        var pcl5 = catalogue.Find("pcl-5")!;

        var result = SelfTestScorer.Score(pcl5, Answers.ForTotal(pcl5, total));

        Assert.Equal(cutoff, pcl5.Parameters.Single(p => p.Id == "cutoff").Value);
        Assert.Equal((cutoff, 80), SelfTestScorer.RangeOf(pcl5, pcl5.Bands.Single(b => b.Id == "probable-ptsd")));
        Assert.Equal(probable, Rule(result, "cutoff").Triggered);
        Assert.Equal(probable ? "probable-ptsd" : "below-cutoff", result.Band.Id);
    }

    // WHO-5: any single item at 0 or 1 asks for a follow-up, whatever the percentage.

    [Theory]
    [InlineData(new[] { 3, 3, 3, 3, 1 }, true)]
    [InlineData(new[] { 5, 5, 5, 5, 0 }, true)]
    [InlineData(new[] { 0, 5, 5, 5, 5 }, true)]
    [InlineData(new[] { 2, 2, 2, 2, 2 }, false)]
    [InlineData(new[] { 5, 5, 5, 5, 2 }, false)]
    public void Who5_low_item_rule_triggers_on_any_item_at_1_or_below(int[] values, bool triggered)
    {
        var who5 = ShippedInstruments.Get("who-5");

        var result = SelfTestScorer.Score(who5, Answers.InOrder(who5, values));

        var rule = Rule(result, "low-item");
        Assert.Equal(triggered, rule.Triggered);
        Assert.Equal(Severity.Mild, rule.Rule.Severity);
        Assert.False(rule.Rule.UrgentHelp);
    }

    [Fact]
    public void Who5_low_item_with_good_wellbeing_lifts_the_severity_to_mild_without_urgent_help()
    {
        var who5 = ShippedInstruments.Get("who-5");

        var result = SelfTestScorer.Score(who5, Answers.InOrder(who5, 3, 3, 3, 3, 1));

        Assert.Equal(52, result.ReportedTotal);
        Assert.Equal("good-wellbeing", result.Band.Id);
        Assert.Equal(Severity.None, result.Band.Severity);
        Assert.Equal(Severity.Mild, result.Severity);
        Assert.False(result.ShowsUrgentHelp);
    }

    [Fact]
    public void Who5_likely_depression_shows_urgent_help()
    {
        var who5 = ShippedInstruments.Get("who-5");

        var result = SelfTestScorer.Score(who5, Answers.InOrder(who5, 2, 2, 1, 1, 1));

        Assert.Equal(28, result.ReportedTotal);
        Assert.Equal("likely-depression", result.Band.Id);
        Assert.Equal(Severity.Moderate, result.Severity);
        Assert.True(result.ShowsUrgentHelp);
    }

    [Fact]
    public void Instruments_without_rules_are_scored_by_their_band_alone()
    {
        foreach (var id in new[] { "gad-7", "k10" })
        {
            var instrument = ShippedInstruments.Get(id);
            var result = SelfTestScorer.Score(instrument, Answers.All(instrument, instrument.HighestAnswer));

            Assert.Empty(result.Rules);
            Assert.Equal(result.Band.Severity, result.Severity);
        }
    }

    private static RuleOutcome Rule(SelfTestResult result, string id) => result.Rules.Single(r => r.Rule.Id == id);
}
