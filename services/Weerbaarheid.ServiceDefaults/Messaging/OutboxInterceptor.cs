using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>
/// Stamps queued outbox messages and wakes the dispatcher once they are committed: after SaveChanges
/// outside a transaction, or when an explicit transaction commits.
/// </summary>
internal sealed class OutboxInterceptor(IClock clock, OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfCommitted(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Wake();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Wake();

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.EnqueuedAt = now;
        }
    }

    private void WakeIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            signal.Wake();
        }
    }
}

/// <summary>Wakes the outbox dispatcher without waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: one pending wake-up covers any number of commits.
        }
    }

    /// <summary>Waits for a wake-up or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}

internal static class OutboxInterceptorRegistration
{
    public static IServiceCollection AddOutboxInterceptor(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<OutboxInterceptor>();
        return services;
    }

    public static DbContextOptionsBuilder AddOutboxInterceptor(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<OutboxInterceptor>());
}
