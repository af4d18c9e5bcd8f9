using System.Reflection;
using System.Runtime.ExceptionServices;
using MassTransit;

namespace Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// The broker as the outbox dispatcher sees it: every publish goes to the test harness's in-memory bus,
/// unless a test has armed <see cref="BeforePublish"/> to fail, hang or hold a publish first.
/// </summary>
public sealed class Broker
{
    private int _attempts;

    /// <summary>Runs before each publish with the message and the publish's cancellation token; may throw or wait.</summary>
    public Func<object, CancellationToken, Task>? BeforePublish { get; set; }

    /// <summary>Runs after a publish the bus completed (the broker has the message).</summary>
    public Action<object>? AfterPublish { get; set; }

    /// <summary>Publishes tried, including those that failed.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>An <see cref="IBus"/> that forwards everything to <paramref name="bus"/>, passing publishes through this broker.</summary>
    public IBus Wrap(IBus bus)
    {
        var proxy = DispatchProxy.Create<IBus, BusProxy>();
        ((BusProxy)(object)proxy).Connect(bus, this);
        return proxy;
    }

    internal async Task PublishAsync(object message, CancellationToken cancellationToken, Func<Task> publish)
    {
        Interlocked.Increment(ref _attempts);
        if (BeforePublish is { } before)
        {
            await before(message, cancellationToken);
        }

        await publish();
        AfterPublish?.Invoke(message);
    }
}

/// <summary>A hand-written IBus would need forty members; a dispatch proxy forwards them all.</summary>
public class BusProxy : DispatchProxy
{
    private IBus _inner = null!;
    private Broker _broker = null!;

    internal void Connect(IBus inner, Broker broker)
    {
        _inner = inner;
        _broker = broker;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Name == nameof(IPublishEndpoint.Publish) && method.ReturnType == typeof(Task) && args is [{ } message, ..])
        {
            var cancellationToken = args.OfType<CancellationToken>().LastOrDefault();
            return _broker.PublishAsync(message, cancellationToken, () => (Task)Forward(method, args)!);
        }

        return Forward(method, args);
    }

    private object? Forward(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }
}
