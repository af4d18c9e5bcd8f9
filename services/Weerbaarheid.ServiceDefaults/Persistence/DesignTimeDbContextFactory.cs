using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build a provider's context without starting the service. A
/// service declares one per provider, e.g.
/// <c>internal sealed class SqliteFactory : SqliteDesignTimeFactory&lt;OfferingsSqliteDbContext&gt;;</c>.
/// </summary>
public abstract class SqliteDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseSqlite("Data Source=design-time.db").Options)!;
}

/// <inheritdoc cref="SqliteDesignTimeFactory{TContext}"/>
public abstract class PostgresDesignTimeFactory<TContext> : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args) => (TContext)Activator.CreateInstance(typeof(TContext),
        new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design-time").Options)!;
}
