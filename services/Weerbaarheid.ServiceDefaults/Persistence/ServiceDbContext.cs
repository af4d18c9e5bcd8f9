using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Messaging;

namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>
/// Base of every service's DbContext: carries the outbox and inbox tables, so an event is saved in the
/// same SaveChanges as the state change that caused it, and stores NodaTime instants portably.
/// </summary>
public abstract class ServiceDbContext : DbContext
{
    protected ServiceDbContext(DbContextOptions options)
        : base(options)
    {
        if (Database.IsSqlite())
        {
            // EF saves a single statement without a transaction; on SQLite every save takes one, so it
            // queues at the SqliteWriteGate instead of meeting a busy database (retried every 150 ms).
            Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        }
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Queues an integration event; it is published after this context's next SaveChanges commits.</summary>
    public void Publish<TEvent>(TEvent @event) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.For(@event));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfiguration(new OutboxMessage.Configuration());
        modelBuilder.ApplyConfiguration(new InboxMessage.Configuration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants as UTC DateTime: a timestamptz on PostgreSQL, sortable ISO text on SQLite, and
        // comparable in queries on both (DateTimeOffset is not, on SQLite).
        configurationBuilder.Properties<Instant>().HaveConversion<InstantConverter>();
        configurationBuilder.Properties<Instant?>().HaveConversion<NullableInstantConverter>();
    }
}
