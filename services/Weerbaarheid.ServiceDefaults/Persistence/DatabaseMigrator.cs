using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>
/// Applies pending migrations before the host starts serving, then runs the service's seeders
/// (<see cref="IDatabaseSeeder{TContext}"/>). With several replicas on PostgreSQL, EF's migration lock
/// serialises them. In production operators may run migrations as a separate step (k8s/README.md).
/// </summary>
internal sealed class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger)
    : IHostedService where TContext : ServiceDbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
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
}

/// <summary>Puts a service's reference data in place on start; must be idempotent and never overwrite edits.</summary>
public interface IDatabaseSeeder<in TContext> where TContext : ServiceDbContext
{
    Task SeedAsync(TContext db, CancellationToken cancellationToken);
}
