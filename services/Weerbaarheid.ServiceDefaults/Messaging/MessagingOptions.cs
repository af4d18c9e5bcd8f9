namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>Section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>amqp://user:password@host:port/vhost. Default amqp://guest:guest@localhost:5672/.</summary>
    public string RabbitMqUrl { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>When set, replaces the URL's user (e.g. from the RabbitMQ Cluster Operator's default-user secret).</summary>
    public string? RabbitMqUsername { get; set; }

    /// <summary>When set, replaces the URL's password.</summary>
    public string? RabbitMqPassword { get; set; }

    /// <summary>Declare the services' receive queues as quorum queues (replicated on a RabbitMQ cluster).</summary>
    public bool QuorumQueues { get; set; } = true;

    /// <summary>Redeliveries of a failing message before it goes to the endpoint's error queue.</summary>
    public int RetryLimit { get; set; } = 5;

    public OutboxOptions Outbox { get; set; } = new();
}
