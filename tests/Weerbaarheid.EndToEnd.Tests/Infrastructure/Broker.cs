using System.Net;
using System.Net.Sockets;
using Testcontainers.RabbitMq;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// RabbitMQ in a container, on a host port fixed for its lifetime so that the services and the test's
/// own bus find it at the same address after <see cref="StopAsync"/> and <see cref="StartAsync"/>.
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    /// <summary>Set by ../shared/tools/testcontainers-env.sh to a locally built image; elsewhere the official one.</summary>
    public const string ImageVariable = "WEERBAARHEID_RABBITMQ_IMAGE";
    private const string DefaultImage = "rabbitmq:3.13";

    private readonly RabbitMqContainer _container;

    private Broker(RabbitMqContainer container, int port)
    {
        _container = container;
        Port = port;
    }

    public int Port { get; }

    /// <summary>amqp://guest:guest@127.0.0.1:port/ — the same across restarts.</summary>
    public Uri AmqpUrl => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    public static async Task<Broker> StartNewAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ImageVariable);
        var image = string.IsNullOrWhiteSpace(configured) ? DefaultImage : configured;
        var port = FreePort.Next();
        RabbitMqContainer? container = null;
        try
        {
            container = new RabbitMqBuilder(image)
                .WithUsername("guest")
                .WithPassword("guest")
                .WithPortBinding(port, 5672)
                .Build();
            var broker = new Broker(container, port);
            await container.StartAsync();
            await broker.WaitUntilAcceptingAsync();
            return broker;
        }
        catch (Exception exception)
        {
            if (container is not null)
            {
                await container.DisposeAsync();
            }

            throw new InvalidOperationException(
                $"Could not start RabbitMQ from image '{image}' with Docker. " +
                (string.IsNullOrWhiteSpace(configured) ? $"{ImageVariable} is not set. " : "") +
                "Where no container registry is reachable or no Docker daemon runs (such as the build machines), run " +
                "`eval \"$(../shared/tools/testcontainers-env.sh)\"` from the repository root first: it starts dockerd, " +
                $"builds a local RabbitMQ image and exports {ImageVariable} and the Testcontainers settings. " +
                $"Cause: {exception.GetType().Name}: {exception.Message}",
                exception);
        }
    }

    /// <summary>Stops the broker (docker stop): every connection to it drops.</summary>
    public Task StopAsync() => _container.StopAsync();

    /// <summary>Starts the stopped broker again, with its queues, on the same port.</summary>
    public async Task StartAsync()
    {
        await _container.StartAsync();
        await WaitUntilAcceptingAsync();
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    /// <summary>The container's log line can come before the listener opens; wait for a TCP accept too.</summary>
    private async Task WaitUntilAcceptingAsync()
    {
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, $"RabbitMQ accepts connections on 127.0.0.1:{Port}", TimeSpan.FromSeconds(60));
    }
}

/// <summary>Ports the OS says are free right now; the services bind them a moment later.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
