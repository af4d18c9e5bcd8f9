using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.Contracts.PeerSupport;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Another service next to PeerSupport, as far as the broker can tell: its own MassTransit bus on the
/// container with a durable queue of its own bound to <see cref="DispatchOffered"/> and
/// <see cref="DispatchEscalated"/>, recording every delivery with its message id as it arrives. The queue
/// keeps deliveries while this bus reconnects after a broker restart.
/// </summary>
public sealed class DispatchEventListener : IAsyncDisposable
{
    private readonly TestBus _bus;

    private DispatchEventListener(TestBus bus, DispatchEvents received)
    {
        _bus = bus;
        Received = received;
    }

    public DispatchEvents Received { get; }

    public static async Task<DispatchEventListener> StartAsync(Uri amqpUrl)
    {
        var queue = $"e2e-dispatch-events-{Guid.NewGuid().ToString("N")[..8]}";
        var received = new DispatchEvents();

        var services = new ServiceCollection();
        services.AddSingleton(received);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<DispatchEventRecorder>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(amqpUrl);
                rabbit.ReceiveEndpoint(queue, endpoint => endpoint.ConfigureConsumer<DispatchEventRecorder>(context));
            });
        });

        var started = await TestBus.StartAsync(services, "the dispatch listener's bus");
        return new DispatchEventListener(started, received);
    }

    public ValueTask DisposeAsync() => _bus.DisposeAsync();
}

/// <summary>A delivery on the listener's queue: the message id it carried (the outbox's) and the event.</summary>
public sealed record Received<T>(Guid? MessageId, T Message);

/// <summary>The dispatch events that arrived on the listener's queue, every delivery, in arrival order.</summary>
public sealed class DispatchEvents
{
    private readonly ConcurrentQueue<Received<DispatchOffered>> _offered = new();
    private readonly ConcurrentQueue<Received<DispatchEscalated>> _escalated = new();

    /// <summary>Every delivery of DispatchOffered, duplicates included.</summary>
    public IReadOnlyList<Received<DispatchOffered>> Offered => [.. _offered];

    /// <summary>Every delivery of DispatchEscalated, duplicates included.</summary>
    public IReadOnlyList<Received<DispatchEscalated>> Escalated => [.. _escalated];

    /// <summary>Every delivery of DispatchOffered for <paramref name="dispatch"/> ("dispatches/…").</summary>
    public IReadOnlyList<Received<DispatchOffered>> OfferedFor(string dispatch) => [.. _offered.Where(o => o.Message.Dispatch == dispatch)];

    /// <summary>A summary for failure messages.</summary>
    public string Describe() =>
        $"{_offered.Count} DispatchOffered and {_escalated.Count} DispatchEscalated deliveries received:{Environment.NewLine}" +
        string.Join(Environment.NewLine, _offered.Select(o => $"  offered {o.Message.Dispatch} #{o.Message.OfferNumber} to {o.Message.Member} (id {o.MessageId})"));

    internal void Add(Received<DispatchOffered> delivery) => _offered.Enqueue(delivery);
    internal void Add(Received<DispatchEscalated> delivery) => _escalated.Enqueue(delivery);
}

/// <summary>Notes every dispatch event it is given.</summary>
public sealed class DispatchEventRecorder(DispatchEvents received) : IConsumer<DispatchOffered>, IConsumer<DispatchEscalated>
{
    public Task Consume(ConsumeContext<DispatchOffered> context)
    {
        received.Add(new Received<DispatchOffered>(context.MessageId, context.Message));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<DispatchEscalated> context)
    {
        received.Add(new Received<DispatchEscalated>(context.MessageId, context.Message));
        return Task.CompletedTask;
    }
}
