using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>
/// Applies pending migrations before the host starts serving, then runs the service's seeders
/// (<see cref="IDatabaseSeeder{TContext}"/>). With several replicas on PostgreSQL, a session-level advisory
/// lock serialises them, migrations and seeding together: EF's own migration lock on PostgreSQL is held per
/// migration transaction only (replicas started together applied the same migration twice and failed with
/// "relation already exists"), and the seeders run after it. In production operators may run migrations as
/// a separate step (k8s/README.md).
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService, IDatabaseMigration where TContext : ServiceDbContext
{
    public Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var exclusive = await ExclusiveAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Context}: {Migrations}",
                pending.Count, typeof(TContext).Name, string.Join(", ", pending));
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            // WAL lets readers go on while the outbox dispatcher and requests write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder<TContext>>())
        {
            await seeder.SeedAsync(db, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// On PostgreSQL, waits for the advisory lock of this context's database and holds it until disposed: a
    /// connection of its own without pooling, so closing it ends the session and so releases the lock (also
    /// when the process dies). Null elsewhere: SQLite is one process's file.
    /// </summary>
    private static async Task<NpgsqlConnection?> ExclusiveAsync(TContext db, CancellationToken cancellationToken)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection)
        {
            return null;
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", connection);
            command.Parameters.AddWithValue("name", $"weerbaarheid-migrate-{typeof(TContext).FullName}");
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Puts a service's reference data in place on start; must be idempotent and never overwrite edits.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : ServiceDbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
