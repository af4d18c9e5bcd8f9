using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client;

/// <summary>
/// Recommends offerings for a situation. Asks Offerings (RecommendOfferings, anonymous, with a deadline,
/// through a circuit breaker) and reuses its answer to the same question for a while. When Offerings does
/// not answer, or the circuit is open, it ranks the service's local copy of the catalogue instead
/// (<see cref="LocalOfferingRanker"/>). The answer says which of the three it is.
/// </summary>
public sealed class OfferingRecommendations
{
    public const int LimitMaxResults = 20;

    private readonly OfferingsService.OfferingsServiceClient _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly RecommendationCache _cache;
    private readonly ServiceDbContext _db;
    private readonly OfferingsClientOptions _options;
    private readonly ILogger<OfferingRecommendations> _logger;

    internal OfferingRecommendations(
        OfferingsService.OfferingsServiceClient client,
        ResiliencePipeline pipeline,
        RecommendationCache cache,
        ServiceDbContext db,
        IOptions<OfferingsClientOptions> options,
        ILogger<OfferingRecommendations> logger)
    {
        _client = client;
        _pipeline = pipeline;
        _cache = cache;
        _db = db;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>
    /// The best offerings for <paramref name="topics"/> (may be empty), <paramref name="severity"/> (required) and
    /// <paramref name="audience"/> (unspecified means employee), at most <paramref name="maxResults"/> (1–20; 0 means 5).
    /// Invalid arguments throw <see cref="ArgumentException"/>, whether Offerings is up or not.
    /// </summary>
    public async Task<RecommendationAnswer> RecommendAsync(
        IReadOnlyCollection<Topic> topics, Severity severity, Audience audience, int maxResults, CancellationToken cancellationToken)
    {
        Validate(topics, severity, audience, maxResults);
        audience = audience == Audience.Unspecified ? Audience.Employee : audience;
        maxResults = maxResults == 0 ? LocalOfferingRanker.DefaultMaxResults : maxResults;

        var key = RecommendationCache.Key(topics, severity, audience, maxResults);
        if (_cache.TryGet(key, out var cached))
        {
            return new RecommendationAnswer(cached, RecommendationSource.Cached);
        }

        var generation = _cache.Generation;
        try
        {
            var live = await AskOfferingsAsync(topics, severity, audience, maxResults, cancellationToken);
            _cache.Set(key, live, generation);
            return new RecommendationAnswer(live, RecommendationSource.Live);
        }
        catch (Exception e) when (FallbackReason(e) is { } reason)
        {
            // Nothing of the question is logged: with the trace id and a timestamp, even a severity could tie
            // an anonymous self-test's result to a request someone else logged with an address.
            _logger.LogWarning("Offerings did not answer ({Reason}); recommending from the local copy", reason);
            var copy = await _db.Set<CachedOffering>().AsNoTracking().Where(o => o.State == CachedOffering.Active).ToListAsync(cancellationToken);
            return new RecommendationAnswer(LocalOfferingRanker.Rank(copy, topics, severity, audience, maxResults), RecommendationSource.LocalCopy);
        }
    }

    /// <summary>The status codes that mean Offerings is down or overloaded, rather than that the question was wrong.</summary>
    internal static bool IsOfferingsFailure(StatusCode code) => code is
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted;

    private async Task<IReadOnlyList<RecommendedOffering>> AskOfferingsAsync(
        IReadOnlyCollection<Topic> topics, Severity severity, Audience audience, int maxResults, CancellationToken cancellationToken)
    {
        var request = new RecommendOfferingsRequest { Severity = severity, Audience = audience, MaxResults = maxResults };
        request.Topics.AddRange(topics);
        var response = await _pipeline.ExecuteAsync(
            async token => await _client.RecommendOfferingsAsync(request, deadline: DateTime.UtcNow + _options.Deadline, cancellationToken: token),
            cancellationToken);
        return response.Recommendations.Select(Recommended).ToArray();
    }

    private static RecommendedOffering Recommended(Recommendation recommendation)
    {
        var o = recommendation.Offering;
        return new RecommendedOffering(
            o.Name, o.Title?.Nl ?? "", o.Title?.En ?? "", o.Summary?.Nl ?? "", o.Summary?.En ?? "",
            ProtoNames.Of(o.Category), ProtoNames.Of(o.Access?.Method ?? AccessMethod.Unspecified),
            string.IsNullOrEmpty(o.Access?.Url) ? null : o.Access.Url,
            o.Availability?.AroundTheClock ?? false,
            recommendation.Reason?.Nl ?? "", recommendation.Reason?.En ?? "",
            [.. recommendation.MatchedTopics]);
    }

    private static string? FallbackReason(Exception exception) => exception switch
    {
        RpcException rpc when IsOfferingsFailure(rpc.StatusCode) => rpc.StatusCode.ToString(),
        BrokenCircuitException => "circuit open",
        TimeoutRejectedException => "timed out",
        _ => null,
    };

    private static void Validate(IReadOnlyCollection<Topic> topics, Severity severity, Audience audience, int maxResults)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (severity == Severity.Unspecified || !Enum.IsDefined(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, "Required: NONE, MILD, MODERATE, SEVERE or URGENT.");
        }

        if (topics.Any(t => t == Topic.Unspecified || !Enum.IsDefined(t)))
        {
            throw new ArgumentException("Every topic must be one of the defined values (not UNSPECIFIED).", nameof(topics));
        }

        if (!Enum.IsDefined(audience))
        {
            throw new ArgumentOutOfRangeException(nameof(audience), audience, "Must be one of the defined audiences.");
        }

        if (maxResults is < 0 or > LimitMaxResults)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResults), maxResults, $"Between 1 and {LimitMaxResults}, or 0 for {LocalOfferingRanker.DefaultMaxResults}.");
        }
    }
}
