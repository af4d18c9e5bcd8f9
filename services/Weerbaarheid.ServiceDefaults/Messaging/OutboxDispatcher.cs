using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>
/// Publishes committed outbox messages in order, with publisher confirms, and deletes each one only
/// after the broker took it. A failure leaves the message in place and retries with back-off until the
/// broker is back; a restart simply finds the table again. Several replicas share the table through a
/// lease per message (claimed with a conditional UPDATE, so exactly one dispatcher wins it).
/// Delivery is at least once (a crash between confirm and delete republishes); consumers deduplicate
/// by message id with <see cref="IdempotentConsumer{TMessage,TContext}"/>.
/// </summary>
public sealed class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IClock clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService where TContext : ServiceDbContext
{
    /// <summary>Lease of a parked message: held by nobody, until the end of time.</summary>
    public static readonly Guid ParkedBy = Guid.Empty;
    public static readonly Instant ParkedUntil = Instant.FromUtc(9999, 12, 31, 0, 0);

    private readonly Guid _instance = Guid.NewGuid();
    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var published = await DispatchBatchAsync(stoppingToken);
                failures = 0;
                if (published == _options.BatchSize)
                {
                    continue; // more may be waiting
                }

                wait = _options.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                wait = RetryDelay(failures);
                logger.LogWarning(exception, "Outbox dispatch failed ({Failures} in a row); retrying in {Delay}", failures, wait);
            }

            try
            {
                // While failing, ignore wake-ups: new commits must not turn back-off into a busy loop.
                if (failures > 0)
                {
                    await Task.Delay(wait, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(wait, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Publishes one batch; returns how many were published. Throws on the first failure.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var bus = scope.ServiceProvider.GetRequiredService<IBus>();

        var batch = await ClaimAsync(db, cancellationToken);
        var published = 0;
        foreach (var message in batch)
        {
            if (!TryRead(message, out var @event, out var type, out var unreadable))
            {
                await ParkAsync(db, message, unreadable);
                continue;
            }

            try
            {
                await PublishAsync(bus, message, @event, type, cancellationToken);
            }
            catch (Exception exception)
            {
                // Give the rest back at once, so a restarted or other dispatcher need not wait for the lease.
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(db, batch.Skip(published)); // shutting down is not a failed attempt
                    throw;
                }

                OutboxDiagnostics.Failures.Add(1);
                await ReleaseAfterFailureAsync(db, message, exception);
                await ReleaseAsync(db, batch.Skip(published + 1));
                throw;
            }

            // The broker has it: finish the bookkeeping even while stopping, or it would be published again.
            await db.OutboxMessages.Where(m => m.Sequence == message.Sequence).ExecuteDeleteAsync(CancellationToken.None);
            published++;
            OutboxDiagnostics.Published.Add(1);
            OutboxDiagnostics.Delay.Record((clock.GetCurrentInstant() - message.EnqueuedAt).TotalSeconds);
        }

        return published;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(TContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var candidates = await db.OutboxMessages
            .Where(m => m.LockedUntil == null || m.LockedUntil < now)
            .OrderBy(m => m.Sequence)
            .Select(m => m.Sequence)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        // The condition is checked again inside the UPDATE: of two replicas racing for a row, one wins.
        var leaseEnd = now + Duration.FromTimeSpan(_options.LeaseDuration);
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Sequence) && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.LockedBy, _instance)
                .SetProperty(m => m.LockedUntil, leaseEnd), cancellationToken);

        return await db.OutboxMessages.AsNoTracking()
            .Where(m => candidates.Contains(m.Sequence) && m.LockedBy == _instance)
            .OrderBy(m => m.Sequence)
            .ToListAsync(cancellationToken);
    }

    private static bool TryRead(OutboxMessage message, out object @event, out Type type, out Exception? error)
    {
        try
        {
            @event = message.Deserialize(out type);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or JsonException or NotSupportedException)
        {
            (@event, type, error) = (null!, null!, exception);
            return false;
        }
    }

    /// <summary>
    /// An event that can no longer be read (its contract type was removed or renamed, which the contract
    /// rules forbid) would hold up every event after it. It is set aside for an operator instead: it
    /// stays in the table with its error and is never claimed again.
    /// </summary>
    private async Task ParkAsync(TContext db, OutboxMessage message, Exception? error)
    {
        logger.LogError(error, "Outbox message {MessageId} ({MessageType}) cannot be read and is parked; later events go on",
            message.MessageId, message.MessageType);
        OutboxDiagnostics.Parked.Add(1);
        var reason = Truncate($"Parked, unreadable: {error?.GetType().Name}: {error?.Message}");
        await db.OutboxMessages.Where(m => m.Sequence == message.Sequence).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.LastError, reason)
            .SetProperty(m => m.LockedBy, ParkedBy)
            .SetProperty(m => m.LockedUntil, ParkedUntil), CancellationToken.None);
    }

    private async Task PublishAsync(IBus bus, OutboxMessage message, object @event, Type type, CancellationToken cancellationToken)
    {
        using var activity = OutboxDiagnostics.ActivitySource.StartActivity(
            $"outbox publish {type.Name}", ActivityKind.Producer, message.TraceParent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        // MassTransit's RabbitMQ transport awaits the broker's publisher confirm before this returns.
        await bus.Publish(@event, type, context =>
        {
            context.MessageId = message.MessageId;
        }, timeout.Token);
    }

    private static async Task ReleaseAfterFailureAsync(TContext db, OutboxMessage message, Exception exception)
    {
        var error = Truncate($"{exception.GetType().Name}: {exception.Message}");

        await db.OutboxMessages.Where(m => m.Sequence == message.Sequence).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedBy, (Guid?)null)
            .SetProperty(m => m.LockedUntil, (Instant?)null), CancellationToken.None);
    }

    private async Task ReleaseAsync(TContext db, IEnumerable<OutboxMessage> messages)
    {
        var sequences = messages.Select(m => m.Sequence).ToList();
        if (sequences.Count > 0)
        {
            await db.OutboxMessages.Where(m => sequences.Contains(m.Sequence) && m.LockedBy == _instance)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.LockedBy, (Guid?)null)
                    .SetProperty(m => m.LockedUntil, (Instant?)null), CancellationToken.None);
        }
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] : text;

    private TimeSpan RetryDelay(int failures)
    {
        var seconds = Math.Min(_options.MaxRetryDelay.TotalSeconds, Math.Pow(2, Math.Min(failures, 10) - 1));
        return TimeSpan.FromSeconds(seconds);
    }
}
