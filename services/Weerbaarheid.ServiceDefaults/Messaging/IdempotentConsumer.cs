using MassTransit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>
/// Base for consumers that change state: the state change, any events it publishes (outbox) and the
/// inbox record of this message commit in one transaction, so a message delivered twice changes state
/// once. Derive and implement <see cref="HandleAsync"/>; do not commit the transaction yourself.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, IClock clock) : IConsumer<TMessage>
    where TMessage : class
    where TContext : ServiceDbContext
{
    protected TContext Db { get; } = db;

    /// <summary>The clock the inbox stamps with; consumers use it for their own timestamps too.</summary>
    protected IClock Clock { get; } = clock;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id; it cannot be deduplicated.");
        var consumer = GetType().FullName!;

        await using var transaction = await Db.Database.BeginTransactionAsync(context.CancellationToken);
        if (await Db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, context.CancellationToken))
        {
            return; // handled before: a redelivery
        }

        Db.InboxMessages.Add(new InboxMessage(messageId, consumer, Clock.GetCurrentInstant()));
        await HandleAsync(context);
        // A concurrent redelivery that got here first makes this insert fail on the key; the retry then
        // finds the inbox record and stops above.
        await Db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);
    }

    /// <summary>Changes state through <see cref="Db"/>; may call SaveChanges (it stays in the transaction).</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);
}
