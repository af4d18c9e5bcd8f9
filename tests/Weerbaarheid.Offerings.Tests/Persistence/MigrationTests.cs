using Microsoft.EntityFrameworkCore;
using Weerbaarheid.Offerings.Data;

namespace Weerbaarheid.Offerings.Tests.Persistence;

/// <summary>A model change without migrations for both providers would only show up as a failing start in production.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new OfferingsSqliteDbContext(
            new DbContextOptionsBuilder<OfferingsSqliteDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: see README, Database migrations.");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new OfferingsPostgresDbContext(
            new DbContextOptionsBuilder<OfferingsPostgresDbContext>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a migration: see README, Database migrations.");
    }
}
