namespace Weerbaarheid.SignalTraining.Domain.Guidance;

/// <summary>
/// The guidance for a set of signals: how soon to act, a short summary, the steps in order, and what to ask
/// Offerings for (its topics, contract names such as <c>TOPIC_STRESS</c>, at <paramref name="Severity"/>).
/// <paramref name="Combinations"/> names the combination rules that applied.
/// </summary>
public sealed record Advice(
    Urgency Urgency,
    Severity Severity,
    LocalizedText Summary,
    IReadOnlyList<GuidanceStep> Steps,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Combinations);
