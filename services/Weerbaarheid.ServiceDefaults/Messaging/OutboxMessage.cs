using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published: written in the same transaction as the state change
/// that caused it, deleted once the broker has confirmed it. <see cref="MessageId"/> becomes the
/// MassTransit message id, so consumers' inboxes recognise a redelivery.
/// </summary>
public sealed class OutboxMessage
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Publication order.</summary>
    public long Sequence { get; private set; }
    public Guid MessageId { get; private set; }
    /// <summary>CLR type of the event, "Namespace.Type, Assembly" (the Contracts assembly).</summary>
    public string MessageType { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>W3C traceparent of the request that caused the event, so the trace crosses the broker.</summary>
    public string? TraceParent { get; private set; }
    public Instant EnqueuedAt { get; internal set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Lease: the dispatcher instance publishing this message, and until when.</summary>
    public Guid? LockedBy { get; private set; }
    public Instant? LockedUntil { get; private set; }

    private OutboxMessage() { }

    public static OutboxMessage For<TEvent>(TEvent @event) where TEvent : class
    {
        var type = @event.GetType();
        return new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(@event, type, SerializerOptions),
            TraceParent = Activity.Current?.Id,
        };
    }

    public object Deserialize(out Type type)
    {
        type = Type.GetType(MessageType, throwOnError: true)!;
        return JsonSerializer.Deserialize(Body, type, SerializerOptions)!;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<OutboxMessage>
    {
        public void Configure(EntityTypeBuilder<OutboxMessage> entity)
        {
            entity.ToTable("outbox_messages");
            entity.HasKey(m => m.Sequence);
            entity.Property(m => m.Sequence).ValueGeneratedOnAdd();
            entity.HasIndex(m => m.MessageId).IsUnique();
            entity.Property(m => m.MessageType).HasMaxLength(500);
            entity.Property(m => m.TraceParent).HasMaxLength(100);
            entity.Property(m => m.LastError).HasMaxLength(2000);
        }
    }
}

/// <summary>A message a consumer has handled: (message id, consumer) is unique, so a redelivery changes nothing.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public Instant HandledAt { get; private set; }

    private InboxMessage() { }

    public InboxMessage(Guid messageId, string consumer, Instant handledAt)
    {
        MessageId = messageId;
        Consumer = consumer;
        HandledAt = handledAt;
    }

    internal sealed class Configuration : IEntityTypeConfiguration<InboxMessage>
    {
        public void Configure(EntityTypeBuilder<InboxMessage> entity)
        {
            entity.ToTable("inbox_messages");
            entity.HasKey(m => new { m.MessageId, m.Consumer });
            entity.Property(m => m.Consumer).HasMaxLength(300);
            entity.HasIndex(m => m.HandledAt);
        }
    }
}
