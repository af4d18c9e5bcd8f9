using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (section <c>Messaging</c>): kebab-case endpoint names, retry with back-off
    /// per endpoint then the endpoint's <c>_error</c> queue, publisher confirms, the bus health check
    /// (readiness), and the outbox dispatcher for <typeparamref name="TContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddServiceMessaging<TContext>(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureConsumers = null)
        where TContext : ServiceDbContext
    {
        var section = builder.Configuration.GetSection(MessagingOptions.Section);
        var options = section.Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.Configure<OutboxOptions>(section.GetSection("Outbox"));
        builder.Services.AddOutboxInterceptor();
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // An unreachable broker shows on /health/ready as Degraded, not Unhealthy: the outbox keeps
            // every event until the broker is back, so the service should keep taking requests. Failing
            // readiness would take every replica out of rotation at once during a broker outage.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = "broker";
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Add(ServiceDefaultsExtensions.ReadyTag);
            });
            configureConsumers?.Invoke(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.UseMessageRetry(retry => retry.Exponential(options.RetryLimit,
                    TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)));
                if (options.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.SetQuorumQueue();
                }
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(options.RabbitMqUrl), host =>
                {
                    host.PublisherConfirmation = true;
                    // Credentials from the broker operator's secret win over the URL's, and need no URL escaping.
                    if (!string.IsNullOrEmpty(options.RabbitMqUsername))
                    {
                        host.Username(options.RabbitMqUsername);
                    }

                    if (!string.IsNullOrEmpty(options.RabbitMqPassword))
                    {
                        host.Password(options.RabbitMqPassword);
                    }
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            // Start serving even while the broker is down; the outbox keeps events until it is back.
            host.WaitUntilStarted = false;
        });
        return builder;
    }
}
