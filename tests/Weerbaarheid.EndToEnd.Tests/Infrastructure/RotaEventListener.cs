using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Another service next to PeerSupport, as far as the broker can tell: its own MassTransit bus on the
/// container that publishes what SignalTraining would (certificates issued and expired) and records, on a
/// queue of its own, the rota events PeerSupport publishes (<see cref="CoverageGapDetected"/>, and
/// <see cref="RotaChanged"/> to explain a failure) and the certificate events that drive them, whoever
/// published them (this listener or the real SignalTraining).
/// </summary>
public sealed class RotaEventListener : IAsyncDisposable
{
    private readonly TestBus _bus;

    private RotaEventListener(TestBus bus, RotaEvents received)
    {
        _bus = bus;
        Received = received;
    }

    public RotaEvents Received { get; }

    public static async Task<RotaEventListener> StartAsync(Uri amqpUrl)
    {
        var queue = $"e2e-rota-events-{Guid.NewGuid().ToString("N")[..8]}";
        var received = new RotaEvents();

        var services = new ServiceCollection();
        services.AddSingleton(received);
        services.AddMassTransit(bus =>
        {
            bus.AddConsumer<RotaEventRecorder>();
            bus.UsingRabbitMq((context, rabbit) =>
            {
                // Confirmed publishes: when PublishAsync returns, the broker has routed the event.
                rabbit.Host(amqpUrl, host => host.PublisherConfirmation = true);
                rabbit.ReceiveEndpoint(queue, endpoint => endpoint.ConfigureConsumer<RotaEventRecorder>(context));
            });
        });

        var started = await TestBus.StartAsync(services, "the rota listener's bus");
        return new RotaEventListener(started, received);
    }

    /// <summary>Publishes <paramref name="message"/> to the broker, as the service that owns it would.</summary>
    public async Task PublishAsync<T>(T message) where T : class
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _bus.Bus.Publish(message, timeout.Token);
    }

    public ValueTask DisposeAsync() => _bus.DisposeAsync();
}

/// <summary>The rota events that arrived on the listener's queue, in arrival order.</summary>
public sealed class RotaEvents
{
    private readonly ConcurrentQueue<object> _received = new();

    /// <summary>Coverage gaps reported for <paramref name="region"/> (e.g. "regions/limburg").</summary>
    public IReadOnlyList<CoverageGapDetected> Gaps(string region) =>
        [.. _received.OfType<CoverageGapDetected>().Where(g => g.Region == region)];

    /// <summary>CertificateIssued events of certificate <paramref name="certificateId"/>.</summary>
    public IReadOnlyList<CertificateIssued> Issued(string certificateId) =>
        [.. _received.OfType<CertificateIssued>().Where(c => c.CertificateId == certificateId)];

    /// <summary>CertificateExpired events of certificate <paramref name="certificateId"/>.</summary>
    public IReadOnlyList<CertificateExpired> Expired(string certificateId) =>
        [.. _received.OfType<CertificateExpired>().Where(c => c.CertificateId == certificateId)];

    /// <summary>Everything received, one line each, for failure messages.</summary>
    public string Describe() => _received.IsEmpty ? "(no rota events received)" : string.Join(Environment.NewLine, _received);

    internal void Add(object message) => _received.Enqueue(message);
}

/// <summary>Notes every rota and certificate event it is given.</summary>
public sealed class RotaEventRecorder(RotaEvents received)
    : IConsumer<CoverageGapDetected>, IConsumer<RotaChanged>, IConsumer<CertificateIssued>, IConsumer<CertificateExpired>
{
    public Task Consume(ConsumeContext<CoverageGapDetected> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<RotaChanged> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CertificateIssued> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<CertificateExpired> context)
    {
        received.Add(context.Message);
        return Task.CompletedTask;
    }
}
