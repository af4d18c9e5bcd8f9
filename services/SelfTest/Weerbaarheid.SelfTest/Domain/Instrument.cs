using System.Text.Json.Serialization;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>Text in both languages of the programme: Dutch first, English for colleagues who prefer it.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public bool IsComplete => !string.IsNullOrWhiteSpace(Nl) && !string.IsNullOrWhiteSpace(En);
}

/// <summary>
/// A published questionnaire, one version of it, as data (Instruments/*.json): its items, answer
/// options, how it is scored, its bands and safety rules, and where it comes from. Scoring follows the
/// authors exactly; nothing about an instrument lives in code.
/// </summary>
public sealed record Instrument(
    string Id,
    int Version,
    LocalizedText Title,
    LocalizedText Description,
    LocalizedText Instruction,
    IReadOnlyList<AnswerOption> Options,
    IReadOnlyList<InstrumentItem> Items,
    TotalScore Total,
    IReadOnlyList<Subscale> Subscales,
    IReadOnlyList<InstrumentParameter> Parameters,
    IReadOnlyList<Band> Bands,
    IReadOnlyList<SafetyRule> Rules,
    IReadOnlyList<string> Topics,
    InstrumentSource Source)
{
    public string Name => $"instruments/{Id}";

    public int LowestAnswer => Options.Min(o => o.Value);

    public int HighestAnswer => Options.Max(o => o.Value);

    /// <summary>The lowest and highest raw total: every item answered lowest, or highest.</summary>
    public int MinimumTotal => Items.Count * LowestAnswer;

    public int MaximumTotal => Items.Count * HighestAnswer;

    public bool HasItem(int number) => number >= 1 && number <= Items.Count;

    public bool HasOption(int value) => Options.Any(o => o.Value == value);

    /// <summary>A bound as a number: a literal, or the configured value of a named parameter.</summary>
    public int Resolve(Bound bound) =>
        bound.Parameter is null
            ? bound.Value!.Value
            : Parameters.Single(p => p.Id == bound.Parameter).Value;
}

/// <summary>One answer on the instrument's scale, e.g. 0 "Not at all".</summary>
public sealed record AnswerOption(int Value, LocalizedText Label);

/// <summary>A question (or statement), numbered from 1 as the authors number them.</summary>
public sealed record InstrumentItem(int Number, LocalizedText Text);

/// <summary>
/// The total: the sum of all items, reported as is and, where the authors publish a converted score,
/// multiplied (WHO-5 reports raw × 4 as a percentage). Bands apply to the reported score.
/// </summary>
public sealed record TotalScore(LocalizedText Label, int Multiplier = 1, string? Unit = null);

/// <summary>
/// A group of items scored together (PCL-5's symptom clusters). An item in it counts as endorsed when
/// answered at least <see cref="EndorsedFrom"/>, where the authors define that.
/// </summary>
public sealed record Subscale(string Id, LocalizedText Label, IReadOnlyList<int> Items, int? EndorsedFrom = null);

/// <summary>
/// A number the programme may set within the range the authors publish (PCL-5's cut-off, 31–33).
/// <see cref="Value"/> is the instrument's default until configuration overrides it.
/// </summary>
public sealed record InstrumentParameter(string Id, LocalizedText Label, int Value, int Minimum, int Maximum);

/// <summary>
/// A band of the reported score, from <see cref="From"/> up to the next band's start. Its severity
/// decides how strongly help is offered: above mild, the urgent-help block is shown.
/// </summary>
public sealed record Band(string Id, Bound From, Severity Severity, LocalizedText Label, LocalizedText Advice);

/// <summary>How serious a result is, in the words the Offerings service ranks help by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    None = 0,
    Mild = 1,
    Moderate = 2,
    Severe = 3,
    Urgent = 4,
}

/// <summary>A score boundary: a number, or the name of an instrument parameter (JSON: <c>33</c> or <c>"cutoff"</c>).</summary>
[JsonConverter(typeof(BoundJsonConverter))]
public readonly record struct Bound(int? Value, string? Parameter)
{
    public static Bound Of(int value) => new(value, null);

    public static Bound OfParameter(string parameter) => new(null, parameter);

    public override string ToString() => Parameter ?? Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where the instrument comes from and on what terms it may be used; shown with every result.</summary>
public sealed record InstrumentSource(string Citation, string Copyright, LocalizedText TermsOfUse, string? Url = null);
