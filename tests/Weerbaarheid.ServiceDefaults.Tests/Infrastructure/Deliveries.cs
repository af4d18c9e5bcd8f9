using System.Collections.Concurrent;
using MassTransit;

namespace Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Every completed delivery, per receive endpoint, retries included in the one outcome. The harness's
/// own Consumed list keys on message id, so it cannot show a redelivery of the same message.
/// </summary>
public sealed class Deliveries : IConsumeObserver
{
    private readonly ConcurrentQueue<Delivery> _completed = new();

    public IReadOnlyList<Delivery> Completed => [.. _completed];

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _completed.Enqueue(new Delivery(context.ReceiveContext.InputAddress, context.MessageId, null));
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _completed.Enqueue(new Delivery(context.ReceiveContext.InputAddress, context.MessageId, exception));
        return Task.CompletedTask;
    }
}

public sealed record Delivery(Uri Endpoint, Guid? MessageId, Exception? Exception);

/// <summary>
/// Everything the bus published, in order, as soon as the publish completed. (The harness's Published
/// list waits for inactivity before it answers "nothing", which makes every negative check slow.)
/// </summary>
public sealed class Publications : IPublishObserver
{
    private readonly ConcurrentQueue<(object Message, Guid? MessageId)> _published = new();

    public IReadOnlyList<(T Message, Guid? MessageId)> Of<T>() where T : class =>
        [.. _published.Where(p => p.Message is T).Select(p => ((T)p.Message, p.MessageId))];

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _published.Enqueue((context.Message, context.MessageId));
        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
