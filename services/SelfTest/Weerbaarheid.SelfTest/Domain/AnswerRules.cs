using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>An answer to one item: the item's number and the value of the chosen option.</summary>
public sealed record Answer(int Item, int Value);

/// <summary>
/// What makes submitted answers acceptable for an instrument. Every problem is reported, by field; the
/// descriptions never repeat a submitted value, because error messages end up in logs.
/// </summary>
public static class AnswerRules
{
    /// <summary>Checks one page of answers (any subset of the items, each at most once).</summary>
    public static IReadOnlyList<FieldViolation> CheckPage(Instrument instrument, IReadOnlyList<Answer> page, string field = "answers")
    {
        var violations = new List<FieldViolation>();
        var seen = new HashSet<int>();
        for (var i = 0; i < page.Count; i++)
        {
            var answer = page[i];
            if (!instrument.HasItem(answer.Item))
            {
                violations.Add(new($"{field}[{i}].item",
                    $"No such item: {instrument.Id} has items 1 to {instrument.Items.Count}."));
            }
            else if (!seen.Add(answer.Item))
            {
                violations.Add(new($"{field}[{i}].item", "This item is answered more than once in this request."));
            }

            if (!instrument.HasOption(answer.Value))
            {
                violations.Add(new($"{field}[{i}].value",
                    $"Not an answer option: {instrument.Id} answers are {string.Join(", ", instrument.Options.Select(o => o.Value))}."));
            }
        }

        return violations;
    }

    /// <summary>The items not answered yet, in order.</summary>
    public static IReadOnlyList<int> Missing(Instrument instrument, IReadOnlyDictionary<int, int> answers) =>
        instrument.Items.Select(i => i.Number).Where(n => !answers.ContainsKey(n)).ToArray();

    /// <summary>True when every item has exactly one valid answer and nothing else is there.</summary>
    public static bool IsComplete(Instrument instrument, IReadOnlyDictionary<int, int> answers) =>
        answers.Count == instrument.Items.Count
        && answers.All(a => instrument.HasItem(a.Key) && instrument.HasOption(a.Value));
}
