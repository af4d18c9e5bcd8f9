using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>
/// Wakes the <c>WatchDispatches</c> streams of this process when offers for their member are committed.
/// The database is the truth: this only reads which members have new feed lines — at once after a local
/// commit (<see cref="Poke"/>), and every <see cref="DispatchOptions.FeedPollInterval"/> for lines other
/// replicas wrote — and wakes those members' streams, which then read their own lines. A stream that misses
/// a wake-up loses nothing; it reads the feed again on its next wake or heartbeat.
/// </summary>
public sealed class OfferFeed(IServiceScopeFactory scopes, IOptions<DispatchOptions> options, ILogger<OfferFeed> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _poked = new(0, 1);
    private long _readUpTo = -1;

    /// <summary>Completes when a feed line for <paramref name="memberId"/> arrives. Take it before reading the feed, so nothing slips between.</summary>
    public Task NextFor(string memberId) =>
        _waiting.GetOrAdd(memberId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A local commit wrote feed lines: read them now rather than at the next poll.</summary>
    public void Poke()
    {
        try
        {
            _poked.Release();
        }
        catch (SemaphoreFullException)
        {
            // a read is already due
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadNewLinesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment; the streams keep their heartbeats and read again later.
                logger.LogWarning(e, "Reading the offer feed failed; trying again");
            }

            try
            {
                await _poked.WaitAsync(options.Value.FeedPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReadNewLinesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerSupportDbContext>();
        if (_readUpTo < 0)
        {
            // Streams read their own backlog when they start; the feed only wakes them for what comes after.
            _readUpTo = await db.OfferFeed.MaxAsync(f => (long?)f.Sequence, cancellationToken) ?? 0;
            return;
        }

        var lines = await db.OfferFeed.AsNoTracking()
            .Where(f => f.Sequence > _readUpTo)
            .OrderBy(f => f.Sequence)
            .Select(f => new { f.Sequence, f.MemberId })
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var line in lines)
        {
            if (_waiting.TryRemove(line.MemberId, out var waiting))
            {
                waiting.TrySetResult();
            }

            _readUpTo = line.Sequence;
        }
    }
}
