namespace Weerbaarheid.SignalTraining.Domain.Guidance;

/// <summary>
/// The signal guidance as data (Guidance/signal-guidance.json): what each signal can mean, how urgent it is,
/// which steps and support topics fit it, and the rules for signals seen together. Nothing of it lives in
/// code, so the programme can correct a text or a rule without touching the service's logic.
/// </summary>
/// <param name="Urgencies">Every urgency once: the summary a manager reads, and the severity recommendations are asked for.</param>
/// <param name="Steps">Every step, in the order a manager takes them; guidance lists the steps it selects in this order.</param>
/// <param name="AlwaysSteps">Steps in every guidance, whatever the signals: the conversation, and the manager's own support.</param>
/// <param name="Signals">Every signal of the contract, exactly once.</param>
/// <param name="Combinations">Rules for signals seen together; each one that applies adds to the guidance.</param>
public sealed record GuidanceDefinition(
    IReadOnlyList<UrgencyLevel> Urgencies,
    IReadOnlyList<GuidanceStep> Steps,
    IReadOnlyList<string> AlwaysSteps,
    IReadOnlyList<SignalDefinition> Signals,
    IReadOnlyList<CombinationRule> Combinations);

/// <summary>What an urgency means for the manager (<paramref name="Summary"/>) and for the recommended offerings.</summary>
public sealed record UrgencyLevel(Urgency Urgency, Severity Severity, LocalizedText Summary);

/// <summary>
/// One thing to do: what (<paramref name="Title"/>), how and why (<paramref name="Text"/>), whom it involves when
/// someone, and how to reach them when there is a number to call.
/// </summary>
public sealed record GuidanceStep(string Id, LocalizedText Title, LocalizedText Text, LocalizedText? Involve = null, string? Contact = null);

/// <summary>
/// A signal with what it can mean and does not prove (<paramref name="Explanation"/>), how urgent it is on its
/// own, the Offerings topics that fit it (contract names, e.g. <c>TOPIC_STRESS</c>) and its steps.
/// </summary>
public sealed record SignalDefinition(
    Signal Signal,
    LocalizedText Label,
    LocalizedText Explanation,
    Urgency Urgency,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Steps);

/// <summary>
/// A rule for signals seen together. It applies when every signal of <paramref name="AllOf"/> is observed and at
/// least <paramref name="MinimumSignals"/> signals are; then it raises the urgency to at least
/// <paramref name="Urgency"/> (when set), adds its steps and topics, and adds <paramref name="Note"/> to the summary.
/// </summary>
public sealed record CombinationRule(
    string Id,
    IReadOnlyList<Signal> AllOf,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Topics,
    int MinimumSignals = 0,
    Urgency? Urgency = null,
    LocalizedText? Note = null)
{
    public bool AppliesTo(IReadOnlySet<Signal> observed) =>
        observed.Count >= MinimumSignals && AllOf.All(observed.Contains);
}
