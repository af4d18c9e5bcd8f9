using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// Offerings' recent answers, in this process's <see cref="IMemoryCache"/>, by question. Every entry also
/// ends when the catalogue changes (<see cref="Clear"/>, called for each OfferingChanged this replica
/// consumes): every entry depends on the current generation's token, and clearing cancels it.
/// </summary>
public sealed class RecommendationCache(IMemoryCache cache, IOptions<OfferingsClientOptions> options)
{
    private CancellationTokenSource _generation = new();

    /// <summary>Forgets every cached answer.</summary>
    public void Clear() => Interlocked.Exchange(ref _generation, new CancellationTokenSource()).Cancel();

    /// <summary>
    /// The current generation, taken before asking Offerings: an answer stored with it after a change was
    /// consumed meanwhile expires at once instead of outliving the change.
    /// </summary>
    internal CancellationToken Generation => Volatile.Read(ref _generation).Token;

    internal bool TryGet(string key, out IReadOnlyList<RecommendedOffering> offerings) =>
        cache.TryGetValue(key, out offerings!);

    internal void Set(string key, IReadOnlyList<RecommendedOffering> offerings, CancellationToken generation)
    {
        var duration = options.Value.CacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        using var entry = cache.CreateEntry(key);
        entry.Value = offerings;
        entry.Size = 1; // in case the service gives its cache a size limit
        entry.AbsoluteExpirationRelativeToNow = duration;
        entry.AddExpirationToken(new CancellationChangeToken(generation));
    }

    /// <summary>One key per question: the same topics in any order, and defaults spelled out, share it.</summary>
    internal static string Key(IReadOnlyCollection<Topic> topics, Severity severity, Audience audience, int maxResults) =>
        $"weerbaarheid:offering-recommendations:{severity}:{audience}:{maxResults}:{string.Join(',', topics.Distinct().Order())}";
}
