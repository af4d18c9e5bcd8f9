namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>A service's database brought up to date: pending migrations applied, then its seeders run.</summary>
public interface IDatabaseMigration
{
    Task MigrateAsync(CancellationToken cancellationToken);
}
