using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>
/// Lets one SQLite transaction at a time into the database, in arrival order. SQLite has one writer at a
/// time anyway (Microsoft.Data.Sqlite begins transactions IMMEDIATE), and a writer that finds the database
/// busy is retried by Microsoft.Data.Sqlite every 150 ms: under concurrent requests that sleeping, not the
/// work, set the pace (p99 in the hundreds of milliseconds). Waiting here instead costs nothing while the
/// current transaction runs. Released on commit, rollback or failure, and at the latest when the
/// connection closes (a transaction disposed without either). Readers never wait: WAL lets them read
/// while a transaction writes.
/// </summary>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    // As long as Microsoft.Data.Sqlite would have waited for a busy database (DefaultTimeout).
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, byte> _holders = new(); // by EF connection id

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (!_gate.Wait(MaxWait))
        {
            throw Timeout();
        }

        _holders[eventData.ConnectionId] = 0;
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (!await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw Timeout();
        }

        _holders[eventData.ConnectionId] = 0;
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.ConnectionId);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData.ConnectionId);

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    private Task Release(Guid connectionId)
    {
        if (_holders.TryRemove(connectionId, out _))
        {
            _gate.Release();
        }

        return Task.CompletedTask;
    }

    private static TimeoutException Timeout() =>
        new($"Waited {MaxWait.TotalSeconds} s for another transaction on this SQLite database to finish.");
}
