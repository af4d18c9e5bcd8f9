using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>How hard SQLite makes a commit durable (<c>PRAGMA synchronous</c>; the files are in WAL mode).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is flushed to disk: it survives a power loss. The default.</summary>
    Full,

    /// <summary>
    /// Commits are flushed at checkpoints: they survive the service crashing, but the last ones may be lost
    /// when the machine loses power. Several times the write throughput; for data that can be redone.
    /// </summary>
    Normal,
}

/// <summary>Sets <c>PRAGMA synchronous</c> on every connection EF opens: the setting is per connection, not per file.</summary>
internal sealed class SqliteSynchronousSetting(SqliteSynchronous mode) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA synchronous={mode.ToString().ToUpperInvariant()};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
