using Weerbaarheid.SelfTest.Domain;

namespace Weerbaarheid.SelfTest.Tests.Domain;

/// <summary>The instruments shipped with the service, read once for all domain tests.</summary>
internal static class ShippedInstruments
{
    public static readonly InstrumentCatalogue Catalogue = InstrumentCatalogue.Shipped();

    public static Instrument Get(string id) =>
        Catalogue.Find(id) ?? throw new ArgumentException($"No shipped instrument '{id}'.", nameof(id));
}

/// <summary>Builds complete answer sets for an instrument.</summary>
internal static class Answers
{
    /// <summary>
    /// Answers that add up to exactly <paramref name="rawTotal"/>: every item starts at the lowest answer
    /// (or its pinned value) and the rest is filled in from item 1 on, each item up to the highest answer.
    /// </summary>
    public static Dictionary<int, int> ForTotal(Instrument instrument, int rawTotal, IReadOnlyDictionary<int, int>? pinned = null)
    {
        pinned ??= new Dictionary<int, int>();
        var answers = instrument.Items.ToDictionary(i => i.Number, i => pinned.GetValueOrDefault(i.Number, instrument.LowestAnswer));
        var remaining = rawTotal - answers.Values.Sum();
        foreach (var item in instrument.Items.Select(i => i.Number).Where(n => !pinned.ContainsKey(n)))
        {
            var step = Math.Clamp(remaining, 0, instrument.HighestAnswer - answers[item]);
            answers[item] += step;
            remaining -= step;
        }

        if (remaining != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rawTotal), $"{instrument.Id} cannot reach a raw total of {rawTotal} with these pinned answers.");
        }

        return Checked(instrument, answers);
    }

    /// <summary>Every item given the same answer.</summary>
    public static Dictionary<int, int> All(Instrument instrument, int value) =>
        Checked(instrument, instrument.Items.ToDictionary(i => i.Number, _ => value));

    /// <summary>Answers in item order: the first value answers item 1, and so on.</summary>
    public static Dictionary<int, int> InOrder(Instrument instrument, params int[] values)
    {
        if (values.Length != instrument.Items.Count)
        {
            throw new ArgumentException($"{instrument.Id} has {instrument.Items.Count} items; got {values.Length} answers.", nameof(values));
        }

        return Checked(instrument, values.Select((value, i) => (Item: i + 1, value)).ToDictionary(a => a.Item, a => a.value));
    }

    /// <summary>A page of answers as submitted, in item order.</summary>
    public static Answer[] Page(IReadOnlyDictionary<int, int> answers, params int[] items) =>
        (items.Length == 0 ? answers.Keys.Order() : items.AsEnumerable()).Select(item => new Answer(item, answers[item])).ToArray();

    private static Dictionary<int, int> Checked(Instrument instrument, Dictionary<int, int> answers)
    {
        if (!AnswerRules.IsComplete(instrument, answers))
        {
            throw new ArgumentException($"Not a complete, valid answer set for {instrument.Id}.", nameof(answers));
        }

        return answers;
    }
}
