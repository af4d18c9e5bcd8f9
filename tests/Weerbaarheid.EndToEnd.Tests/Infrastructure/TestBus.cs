using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A MassTransit bus of a test's own on the broker (a stand-in for another service): built from
/// <c>services</c>, started, and returned once it is healthy — connected with its queues declared and
/// bound, so from then on nothing published is missed. Disposing stops it.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    private TestBus(ServiceProvider services)
    {
        Services = services;
        Bus = services.GetRequiredService<IBusControl>();
    }

    public ServiceProvider Services { get; }

    public IBusControl Bus { get; }

    /// <param name="beforeStart">Work before the bus starts (e.g. creating a database, connecting observers).</param>
    public static async Task<TestBus> StartAsync(IServiceCollection services, string description, Func<TestBus, Task>? beforeStart = null)
    {
        var bus = new TestBus(services.BuildServiceProvider());
        try
        {
            if (beforeStart is not null)
            {
                await beforeStart(bus);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await bus.Bus.StartAsync(timeout.Token);
            await Eventually.HoldsAsync(() => bus.Bus.CheckHealth().Status == BusHealthStatus.Healthy,
                $"{description} is connected and its queues are bound", TimeSpan.FromSeconds(60));
            return bus;
        }
        catch
        {
            await bus.Services.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await Bus.StopAsync(timeout.Token);
        }
        finally
        {
            await Services.DisposeAsync();
        }
    }
}
