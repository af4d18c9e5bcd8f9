using Microsoft.EntityFrameworkCore;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client.Tests.Infrastructure;

/// <summary>A consuming service's context in miniature: the local copy of the catalogue beside the outbox and inbox.</summary>
public abstract class CopyDb(DbContextOptions options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOfferingCopy();
    }
}

/// <summary>One subclass per provider, as <c>AddServiceDatabase</c> expects.</summary>
public sealed class SqliteCopyDb(DbContextOptions<SqliteCopyDb> options) : CopyDb(options);

/// <inheritdoc cref="SqliteCopyDb"/>
public sealed class PostgresCopyDb(DbContextOptions<PostgresCopyDb> options) : CopyDb(options);
