using Microsoft.EntityFrameworkCore;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

/// <summary>A service's context in miniature: one table of state next to the outbox and inbox.</summary>
public abstract class TestDb(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Tally>(entity =>
        {
            entity.ToTable("tallies");
            entity.HasKey(t => t.Name);
            entity.Property(t => t.Name).HasMaxLength(100);
        });
    }
}

/// <summary>One subclass per provider, as <c>AddServiceDatabase</c> expects.</summary>
public sealed class SqliteTestDb(DbContextOptions<SqliteTestDb> options) : TestDb(options);

/// <inheritdoc cref="SqliteTestDb"/>
public sealed class PostgresTestDb(DbContextOptions<PostgresTestDb> options) : TestDb(options);

/// <summary>State the tests change: how often something was counted.</summary>
public sealed class Tally
{
    public required string Name { get; init; }
    public int Count { get; set; }
}

/// <summary>An integration event the outbox tests publish.</summary>
public sealed record CaseOpened(int Number);

/// <summary>A command-like message the inbox tests consume.</summary>
public sealed record TallyRequested(string Name);

/// <summary>An event the consumers publish through the outbox while handling <see cref="TallyRequested"/>.</summary>
public sealed record TallyCounted(string Name, int Count);

/// <summary>An event with the shapes contracts use (enum, time, nested record, list, null), for round trips.</summary>
public sealed record CaseReported(
    Guid CaseId,
    CaseUrgency Urgency,
    DateTimeOffset ReportedAt,
    CaseReporter Reporter,
    IReadOnlyList<string> Topics,
    string? Note);

public enum CaseUrgency
{
    Routine = 1,
    Urgent = 2,
}

public sealed record CaseReporter(string Unit, int Shift);
