using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Offerings.Client;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.SelfTest.Data;

/// <summary>
/// SelfTest's store: self-tests keyed by their token's hash, the completion counts behind the figures,
/// completions waiting to be announced, and the local copy of the offerings catalogue. Nothing here
/// names a person or a moment: there is no column for one (a test checks the schema).
/// </summary>
public abstract class SelfTestDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<AnonymousSelfTest> SelfTests => Set<AnonymousSelfTest>();
    public DbSet<CompletionCount> CompletionCounts => Set<CompletionCount>();
    public DbSet<PendingCompletion> PendingCompletions => Set<PendingCompletion>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOfferingCopy();

        var selfTest = modelBuilder.Entity<AnonymousSelfTest>();
        selfTest.ToTable("self_tests");
        selfTest.HasKey(s => s.TokenHash);
        selfTest.Property(s => s.TokenHash).HasMaxLength(64);
        selfTest.Property(s => s.InstrumentId).HasMaxLength(32);
        selfTest.Property(s => s.Answers).AsJson();
        selfTest.Property(s => s.StartedWeek).HasMaxLength(8);
        selfTest.Property(s => s.CompletedWeek).HasMaxLength(8);
        selfTest.Property(s => s.Band).HasMaxLength(40);
        selfTest.Property(s => s.ExpiresOn)
            .HasConversion(date => date.ToDateOnly(), date => LocalDate.FromDateOnly(date));
        selfTest.Property(s => s.Version).IsConcurrencyToken();
        selfTest.Ignore(s => s.IsCompleted);
        selfTest.HasIndex(s => s.ExpiresOn);

        var count = modelBuilder.Entity<CompletionCount>();
        count.ToTable("completion_counts");
        count.HasKey(c => new { c.InstrumentId, c.Band, c.Week });
        count.Property(c => c.InstrumentId).HasMaxLength(32);
        count.Property(c => c.Band).HasMaxLength(40);
        count.Property(c => c.Week).HasMaxLength(8);

        var pending = modelBuilder.Entity<PendingCompletion>();
        pending.ToTable("pending_completions");
        pending.HasKey(p => p.Id);
        pending.Property(p => p.Id).ValueGeneratedNever();
        pending.Property(p => p.InstrumentId).HasMaxLength(32);
        pending.Property(p => p.Band).HasMaxLength(40);
        pending.Property(p => p.Week).HasMaxLength(8);
    }
}

/// <summary>A finished self-test not yet announced; its id is random, so even row order says nothing.</summary>
public sealed record PendingCompletion(Guid Id, string InstrumentId, string Band, string Week);

public sealed class SelfTestSqliteDbContext(DbContextOptions<SelfTestSqliteDbContext> options) : SelfTestDbContext(options);

public sealed class SelfTestPostgresDbContext(DbContextOptions<SelfTestPostgresDbContext> options) : SelfTestDbContext(options);

internal sealed class SelfTestSqliteDesignTimeFactory : SqliteDesignTimeFactory<SelfTestSqliteDbContext>;

internal sealed class SelfTestPostgresDesignTimeFactory : PostgresDesignTimeFactory<SelfTestPostgresDbContext>;
