using Microsoft.EntityFrameworkCore;
using Weerbaarheid.PeerSupport.Data;

namespace Weerbaarheid.PeerSupport.Tests.Persistence;

/// <summary>A model change without migrations for both providers would only show up as a failing start in production.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new PeerSupportSqliteDbContext(
            new DbContextOptionsBuilder<PeerSupportSqliteDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: see README, Database migrations.");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PeerSupportPostgresDbContext(
            new DbContextOptionsBuilder<PeerSupportPostgresDbContext>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: see README, Database migrations.");
    }
}
