using System.Text.Json.Serialization;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>
/// A rule the authors publish besides the bands: a safety item (PHQ-9 item 9), a cut-off or a symptom
/// pattern (PCL-5), a single low item (WHO-5). Each is reported on its own, triggered or not, because
/// rules and bands can disagree. When triggered it lifts the result to at least <see cref="Severity"/>
/// and, with <see cref="UrgentHelp"/>, shows the urgent-help block whatever the total.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ItemAtLeastRule), "itemAtLeast")]
[JsonDerivedType(typeof(AnyItemAtMostRule), "anyItemAtMost")]
[JsonDerivedType(typeof(TotalAtLeastRule), "totalAtLeast")]
[JsonDerivedType(typeof(EndorsedPatternRule), "endorsedPattern")]
public abstract record SafetyRule(string Id, LocalizedText Label, LocalizedText Advice, Severity Severity, bool UrgentHelp)
{
    public abstract bool IsTriggered(Instrument instrument, IReadOnlyDictionary<int, int> answers, int rawTotal);
}

/// <summary>One item answered at or above a value (PHQ-9: any answer above 0 on item 9).</summary>
public sealed record ItemAtLeastRule(string Id, LocalizedText Label, LocalizedText Advice, Severity Severity, bool UrgentHelp, int Item, int AtLeast)
    : SafetyRule(Id, Label, Advice, Severity, UrgentHelp)
{
    public override bool IsTriggered(Instrument instrument, IReadOnlyDictionary<int, int> answers, int rawTotal) =>
        answers[Item] >= AtLeast;
}

/// <summary>Any single item answered at or below a value (WHO-5: an item answered 0 or 1).</summary>
public sealed record AnyItemAtMostRule(string Id, LocalizedText Label, LocalizedText Advice, Severity Severity, bool UrgentHelp, int AtMost)
    : SafetyRule(Id, Label, Advice, Severity, UrgentHelp)
{
    public override bool IsTriggered(Instrument instrument, IReadOnlyDictionary<int, int> answers, int rawTotal) =>
        answers.Values.Any(value => value <= AtMost);
}

/// <summary>The raw total at or above a cut-off (PCL-5: probable PTSD from 33, configurable 31–33).</summary>
public sealed record TotalAtLeastRule(string Id, LocalizedText Label, LocalizedText Advice, Severity Severity, bool UrgentHelp, Bound AtLeast)
    : SafetyRule(Id, Label, Advice, Severity, UrgentHelp)
{
    public override bool IsTriggered(Instrument instrument, IReadOnlyDictionary<int, int> answers, int rawTotal) =>
        rawTotal >= instrument.Resolve(AtLeast);
}

/// <summary>
/// Enough endorsed items in each named subscale (PCL-5's provisional DSM-5 diagnosis: at least 1 B,
/// 1 C, 2 D and 2 E items rated 2 or higher).
/// </summary>
public sealed record EndorsedPatternRule(string Id, LocalizedText Label, LocalizedText Advice, Severity Severity, bool UrgentHelp, IReadOnlyDictionary<string, int> Minimums)
    : SafetyRule(Id, Label, Advice, Severity, UrgentHelp)
{
    public override bool IsTriggered(Instrument instrument, IReadOnlyDictionary<int, int> answers, int rawTotal) =>
        Minimums.All(minimum =>
        {
            var subscale = instrument.Subscales.Single(s => s.Id == minimum.Key);
            return SelfTestScorer.Endorsed(subscale, answers) >= minimum.Value;
        });
}
