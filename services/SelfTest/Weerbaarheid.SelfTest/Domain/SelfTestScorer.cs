namespace Weerbaarheid.SelfTest.Domain;

/// <summary>The scores of one completed self-test, every part reported on its own.</summary>
public sealed record SelfTestResult(
    Instrument Instrument,
    int RawTotal,
    int ReportedTotal,
    IReadOnlyList<SubscaleScore> Subscales,
    Band Band,
    IReadOnlyList<RuleOutcome> Rules,
    Severity Severity)
{
    /// <summary>Above mild, or any triggered rule that asks for it: show 112, 113 and the 24/7 routes prominently.</summary>
    public bool ShowsUrgentHelp => Severity > Severity.Mild || Rules.Any(r => r.Triggered && r.Rule.UrgentHelp);
}

public sealed record SubscaleScore(Subscale Subscale, int Score, int? Endorsed);

public sealed record RuleOutcome(SafetyRule Rule, bool Triggered);

/// <summary>
/// Scores a completed self-test exactly as the instrument's authors publish: the sum of the items
/// (converted where they publish a conversion), the subscales, the band of the reported total, and each
/// rule separately. The severity that decides the help offered is the band's, lifted by any triggered rule.
/// </summary>
public static class SelfTestScorer
{
    public static SelfTestResult Score(Instrument instrument, IReadOnlyDictionary<int, int> answers)
    {
        if (!AnswerRules.IsComplete(instrument, answers))
        {
            // Answers are checked when submitted; an incomplete set here is a bug, not bad input.
            throw new ArgumentException($"Cannot score {instrument.Id}: every item needs exactly one valid answer.", nameof(answers));
        }

        var raw = answers.Values.Sum();
        var reported = raw * instrument.Total.Multiplier;
        var subscales = instrument.Subscales
            .Select(s => new SubscaleScore(s, s.Items.Sum(item => answers[item]), s.EndorsedFrom is null ? null : Endorsed(s, answers)))
            .ToArray();
        var band = BandOf(instrument, reported);
        var rules = instrument.Rules.Select(r => new RuleOutcome(r, r.IsTriggered(instrument, answers, raw))).ToArray();
        var severity = rules.Where(r => r.Triggered).Select(r => r.Rule.Severity).Append(band.Severity).Max();
        return new SelfTestResult(instrument, raw, reported, subscales, band, rules, severity);
    }

    /// <summary>The band a reported total falls in: the last band starting at or below it.</summary>
    public static Band BandOf(Instrument instrument, int reportedTotal) =>
        instrument.Bands.Last(b => instrument.Resolve(b.From) <= reportedTotal);

    /// <summary>The reported-score range of a band: from its start up to just below the next band's start.</summary>
    public static (int From, int To) RangeOf(Instrument instrument, Band band)
    {
        var index = IndexOf(instrument.Bands, band);
        var to = index + 1 < instrument.Bands.Count
            ? instrument.Resolve(instrument.Bands[index + 1].From) - 1
            : instrument.MaximumTotal * instrument.Total.Multiplier;
        return (instrument.Resolve(band.From), to);
    }

    public static int Endorsed(Subscale subscale, IReadOnlyDictionary<int, int> answers) =>
        subscale.EndorsedFrom is { } from ? subscale.Items.Count(item => answers[item] >= from) : 0;

    private static int IndexOf(IReadOnlyList<Band> bands, Band band)
    {
        for (var i = 0; i < bands.Count; i++)
        {
            if (ReferenceEquals(bands[i], band) || bands[i].Id == band.Id)
            {
                return i;
            }
        }

        throw new ArgumentException($"Band {band.Id} is not one of this instrument's bands.", nameof(band));
    }
}
