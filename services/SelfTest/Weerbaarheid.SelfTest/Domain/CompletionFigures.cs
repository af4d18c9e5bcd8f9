namespace Weerbaarheid.SelfTest.Domain;

/// <summary>Completions of one instrument in one band in one ISO week: the figures, kept after the self-tests are gone.</summary>
public sealed record CompletionCount(string InstrumentId, string Band, string Week, int Completions);

/// <summary>A published cell: its count, or null when suppressed.</summary>
public sealed record CompletionCell(string InstrumentId, string Band, string Week, int? Count);

/// <summary>
/// Figures without people (k-anonymity): a cell with fewer completions than the minimum group size is
/// published without its count. No totals are published beside the cells, so a suppressed count can
/// never be worked out by subtracting the others from a total.
/// </summary>
public static class CompletionFigures
{
    public static IReadOnlyList<CompletionCell> Publishable(IEnumerable<CompletionCount> counts, int minimumGroupSize) =>
        counts.Select(c => new CompletionCell(c.InstrumentId, c.Band, c.Week, c.Completions >= minimumGroupSize ? c.Completions : null)).ToArray();
}
