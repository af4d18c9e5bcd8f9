namespace Weerbaarheid.SelfTest.Domain;

/// <summary>Everything that must hold for a definition to score correctly; each problem names its instrument.</summary>
internal static class InstrumentDefinitionCheck
{
    public static IEnumerable<string> Problems(Instrument instrument)
    {
        var name = $"{instrument.Id} v{instrument.Version}";
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add($"{name}: {problem}");
            }
        }

        Require(InstrumentCatalogue.IdPattern().IsMatch(instrument.Id ?? string.Empty), "the id must be lower-case words joined by '-'.");
        Require(instrument.Version >= 1, "the version starts at 1.");
        Require(AllComplete(instrument.Title, instrument.Description, instrument.Instruction, instrument.Total.Label, instrument.Source.TermsOfUse),
            "title, description, instruction, total label and terms of use need Dutch and English text.");
        Require(!string.IsNullOrWhiteSpace(instrument.Source.Citation) && !string.IsNullOrWhiteSpace(instrument.Source.Copyright),
            "the source needs a citation and a copyright notice.");
        Require(instrument.Options.Count >= 2 && instrument.Options.Select(o => o.Value).Distinct().Count() == instrument.Options.Count,
            "at least two answer options, each with its own value.");
        Require(instrument.Options.All(o => o.Label.IsComplete), "every answer option needs a Dutch and English label.");
        Require(instrument.Items.Count >= 1 && instrument.Items.Select((item, i) => item.Number == i + 1).All(ok => ok),
            "items are numbered 1, 2, 3, ... in order.");
        Require(instrument.Items.All(i => i.Text.IsComplete), "every item needs Dutch and English text.");
        Require(instrument.Total.Multiplier >= 1, "the total's multiplier is at least 1.");

        var parameterIds = instrument.Parameters.Select(p => p.Id).ToHashSet();
        Require(parameterIds.Count == instrument.Parameters.Count, "parameter ids are unique.");
        Require(instrument.Parameters.All(p => p.Minimum <= p.Value && p.Value <= p.Maximum && p.Label.IsComplete),
            "every parameter has a label and a value within its published range.");

        var subscaleIds = instrument.Subscales.Select(s => s.Id).ToHashSet();
        Require(subscaleIds.Count == instrument.Subscales.Count, "subscale ids are unique.");
        Require(instrument.Subscales.All(s => s.Label.IsComplete && s.Items.Count > 0 && s.Items.All(instrument.HasItem)),
            "every subscale has a label and only existing items.");

        bool Resolvable(Bound b) => b.Parameter is null ? b.Value is not null : parameterIds.Contains(b.Parameter);
        Require(instrument.Bands.Count >= 1 && instrument.Bands.All(b => Resolvable(b.From) && b.Label.IsComplete && b.Advice.IsComplete),
            "bands start at a number or a known parameter, with a label and advice in both languages.");
        if (problems.Count == 0)
        {
            var starts = instrument.Bands.Select(b => instrument.Resolve(b.From)).ToArray();
            var reportedMinimum = instrument.MinimumTotal * instrument.Total.Multiplier;
            var reportedMaximum = instrument.MaximumTotal * instrument.Total.Multiplier;
            Require(starts[0] == reportedMinimum, $"the first band starts at the lowest score, {reportedMinimum}.");
            Require(starts.Zip(starts.Skip(1)).All(pair => pair.First < pair.Second) && starts[^1] <= reportedMaximum,
                $"bands start in ascending order within {reportedMinimum}–{reportedMaximum}.");
        }

        foreach (var rule in instrument.Rules)
        {
            Require(rule.Label.IsComplete && rule.Advice.IsComplete, $"rule {rule.Id} needs a label and advice in both languages.");
            switch (rule)
            {
                case ItemAtLeastRule r:
                    Require(instrument.HasItem(r.Item), $"rule {rule.Id} names item {r.Item}, which does not exist.");
                    break;
                case TotalAtLeastRule r:
                    Require(Resolvable(r.AtLeast), $"rule {rule.Id} names an unknown parameter.");
                    break;
                case EndorsedPatternRule r:
                    Require(r.Minimums.Count > 0 && r.Minimums.Keys.All(k => instrument.Subscales.Any(s => s.Id == k && s.EndorsedFrom is not null)),
                        $"rule {rule.Id} needs subscales that define when an item is endorsed.");
                    break;
            }
        }

        Require(instrument.Rules.Select(r => r.Id).Distinct().Count() == instrument.Rules.Count, "rule ids are unique.");
        return problems;
    }

    private static bool AllComplete(params LocalizedText[] texts) => texts.All(t => t is not null && t.IsComplete);
}
