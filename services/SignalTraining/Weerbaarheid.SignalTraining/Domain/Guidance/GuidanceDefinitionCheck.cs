using System.Text.RegularExpressions;

namespace Weerbaarheid.SignalTraining.Domain.Guidance;

/// <summary>
/// Everything that must hold for the guidance to advise correctly. Each problem names where it is (a signal, a
/// step, a rule), so whoever edits the file sees what to fix; a definition with problems never serves.
/// </summary>
internal static partial class GuidanceDefinitionCheck
{
    public static IReadOnlyList<string> Problems(GuidanceDefinition definition, IReadOnlySet<string> offeringTopics)
    {
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        // A list left out, or an empty entry in it (JSON null), is a problem of its own, not a crash in the checks.
        IReadOnlyList<T> Entries<T>(IReadOnlyList<T?>? list, string name)
            where T : class
        {
            Require(list is not null, $"{name}: missing.");
            Require(list is null || list.All(e => e is not null), $"{name}: an entry is empty.");
            return list?.OfType<T>().ToArray() ?? [];
        }

        // Urgencies: each once, with a summary, and never less severe than a lower one.
        var urgencies = Entries(definition.Urgencies, "urgencies");
        foreach (var level in urgencies)
        {
            var name = $"urgency {level.Urgency}";
            Require(Enum.IsDefined(level.Urgency), $"{name}: not an urgency; use attention, soon, today or now.");
            Require(Enum.IsDefined(level.Severity), $"{name}: severity {level.Severity} is not one of none, mild, moderate, severe, urgent.");
            Require(IsComplete(level.Summary), $"{name}: the summary needs Dutch and English text.");
        }

        foreach (var urgency in Enum.GetValues<Urgency>())
        {
            var count = urgencies.Count(u => u.Urgency == urgency);
            Require(count == 1, count == 0 ? $"urgency {urgency}: missing." : $"urgency {urgency}: defined {count} times.");
        }

        var ordered = urgencies.Where(u => Enum.IsDefined(u.Urgency)).OrderBy(u => u.Urgency).ToArray();
        Require(ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Severity <= pair.Second.Severity),
            "urgencies: a more urgent level must not ask for a lower severity.");

        // Steps: unique ids, texts in both languages.
        var steps = Entries(definition.Steps, "steps");
        Require(steps.Count > 0, "steps: there are none.");
        foreach (var step in steps)
        {
            var name = $"step '{step.Id}'";
            Require(IdPattern().IsMatch(step.Id ?? ""), $"{name}: an id is lower-case words joined by '-'.");
            Require(IsComplete(step.Title) && IsComplete(step.Text), $"{name}: title and text need Dutch and English text.");
            Require(step.Involve is null || IsComplete(step.Involve), $"{name}: 'involve', when given, needs Dutch and English text.");
        }

        var stepIds = steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in steps.GroupBy(s => s.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"step '{duplicate.Key}': defined {duplicate.Count()} times.");
        }

        void RequireSteps(string name, IReadOnlyList<string>? ids)
        {
            foreach (var id in ids ?? [])
            {
                Require(stepIds.Contains(id), $"{name}: step '{id}' does not exist.");
            }

            Require(ids is null || ids.Distinct(StringComparer.Ordinal).Count() == ids.Count, $"{name}: a step is named more than once.");
        }

        void RequireTopics(string name, IReadOnlyList<string>? topics)
        {
            foreach (var topic in topics ?? [])
            {
                Require(offeringTopics.Contains(topic), $"{name}: '{topic}' is not an Offerings topic; use one of {string.Join(", ", offeringTopics.Order(StringComparer.Ordinal))}.");
            }

            Require(topics is null || topics.Distinct(StringComparer.Ordinal).Count() == topics.Count, $"{name}: a topic is named more than once.");
        }

        RequireSteps("alwaysSteps", definition.AlwaysSteps);

        // Signals: every signal of the contract exactly once, each complete.
        var signals = Entries(definition.Signals, "signals");
        foreach (var entry in signals)
        {
            var name = SignalNames.Of(entry.Signal);
            Require(SignalNames.IsSignal(entry.Signal), $"{name}: not a signal a manager can tick.");
            Require(IsComplete(entry.Label) && IsComplete(entry.Explanation), $"{name}: label and explanation need Dutch and English text.");
            Require(Enum.IsDefined(entry.Urgency), $"{name}: urgency {entry.Urgency} is not one of attention, soon, today, now.");
            Require(entry.Topics is { Count: > 0 }, $"{name}: needs at least one Offerings topic.");
            RequireTopics(name, entry.Topics);
            RequireSteps(name, entry.Steps);
        }

        foreach (var signal in SignalNames.All)
        {
            var count = signals.Count(s => s.Signal == signal);
            Require(count == 1, count == 0 ? $"{SignalNames.Of(signal)}: missing." : $"{SignalNames.Of(signal)}: defined {count} times.");
        }

        // Combination rules: a real condition, known signals, and something to add.
        var rules = Entries(definition.Combinations, "combinations");
        foreach (var rule in rules)
        {
            var name = $"combination '{rule.Id}'";
            var allOf = rule.AllOf ?? [];
            Require(IdPattern().IsMatch(rule.Id ?? ""), $"{name}: an id is lower-case words joined by '-'.");
            Require(allOf.Count > 0 || rule.MinimumSignals >= 2, $"{name}: needs 'allOf' signals or a 'minimumSignals' of 2 or more.");
            Require(rule.MinimumSignals >= 0 && rule.MinimumSignals <= SignalNames.All.Count,
                $"{name}: 'minimumSignals' is between 0 and {SignalNames.All.Count}.");
            foreach (var signal in allOf.Where(s => !SignalNames.IsSignal(s)))
            {
                problems.Add($"{name}: {SignalNames.Of(signal)} is not a signal a manager can tick.");
            }

            Require(allOf.Distinct().Count() == allOf.Count, $"{name}: a signal is named more than once.");
            Require(rule.Urgency is null || Enum.IsDefined(rule.Urgency.Value), $"{name}: urgency {rule.Urgency} is not one of attention, soon, today, now.");
            Require(rule.Note is null || IsComplete(rule.Note), $"{name}: the note, when given, needs Dutch and English text.");
            Require(rule.Urgency is not null || rule.Steps is { Count: > 0 } || rule.Topics is { Count: > 0 },
                $"{name}: adds nothing; give it an urgency, steps or topics.");
            RequireSteps(name, rule.Steps);
            RequireTopics(name, rule.Topics);
        }

        foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"combination '{duplicate.Key}': defined {duplicate.Count()} times.");
        }

        return problems;
    }

    private static bool IsComplete(LocalizedText? text) => text is not null && text.IsComplete;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
