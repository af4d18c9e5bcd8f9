using Grpc.Core;
using Grpc.Net.Client.Configuration;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.Offerings.Client;

public static class OfferingRecommendationsExtensions
{
    /// <summary>The Polly pipeline around calls to RecommendOfferings (circuit breaker, then a timeout).</summary>
    public const string PipelineKey = "weerbaarheid-offerings-recommend";

    // The pipeline's timeout only backs the gRPC deadline up (a call that somehow outlives it); the deadline
    // is what normally ends a slow call.
    private static readonly TimeSpan TimeoutBeyondDeadline = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Lets <typeparamref name="TContext"/>'s service recommend offerings (<see cref="OfferingRecommendations"/>):
    /// the gRPC client of Offerings (section <c>Offerings</c>), the circuit breaker, the answer cache and the
    /// primer that fills an empty local copy. The context maps the copy (<c>modelBuilder.AddOfferingCopy()</c>),
    /// and the service's messaging keeps it current (<c>bus.AddOfferingCopyConsumer&lt;TContext&gt;(serviceName)</c>).
    /// </summary>
    public static IHostApplicationBuilder AddOfferingRecommendations<TContext>(this IHostApplicationBuilder builder, string serviceName)
        where TContext : ServiceDbContext
    {
        builder.Services.Configure<OfferingsClientOptions>(builder.Configuration.GetSection(OfferingsClientOptions.Section));

        // Reads of the catalogue are anonymous: no token is forwarded. The deadline and cancellation of the gRPC
        // call being served are (the earlier deadline wins); outside a gRPC call there is nothing to forward.
        builder.Services
            .AddGrpcClient<OfferingsService.OfferingsServiceClient>(OfferingsClientOptions.ClientName, (services, client) =>
                client.Address = services.GetRequiredService<IOptions<OfferingsClientOptions>>().Value.Address)
            .ConfigureChannel((services, channel) =>
            {
                channel.ServiceConfig = ServiceConfig(services.GetRequiredService<IOptions<OfferingsClientOptions>>().Value.MaxAttempts);
                // Cancellation then surfaces as OperationCanceledException, which the pipeline's timeout recognises.
                channel.ThrowOperationCanceledOnCancellation = true;
            })
            .EnableCallContextPropagation(propagation => propagation.SuppressContextNotFoundErrors = true);

        builder.Services.AddResiliencePipeline(PipelineKey, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<OfferingsClientOptions>>().Value;
            pipeline.InstanceName = serviceName;
            pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = options.BreakerFailureRatio,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakDuration,
                    ShouldHandle = new PredicateBuilder()
                        .Handle<RpcException>(e => OfferingRecommendations.IsOfferingsFailure(e.StatusCode))
                        .Handle<TimeoutRejectedException>(),
                })
                .AddTimeout(options.Deadline + TimeoutBeyondDeadline);
        });

        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<RecommendationCache>();
        builder.Services.AddScoped(services => new OfferingRecommendations(
            services.GetRequiredService<OfferingsService.OfferingsServiceClient>(),
            services.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(PipelineKey),
            services.GetRequiredService<RecommendationCache>(),
            services.GetRequiredService<TContext>(),
            services.GetRequiredService<IOptions<OfferingsClientOptions>>(),
            services.GetRequiredService<ILogger<OfferingRecommendations>>()));
        builder.Services.AddHostedService<OfferingCopyPrimer<TContext>>();
        return builder;
    }

    /// <summary>
    /// Consumes OfferingChanged into <typeparamref name="TContext"/>'s local copy, on the endpoint
    /// <c>{serviceName}-offering-changed</c> (named here, so the generic consumer type never names a queue).
    /// Call it inside <c>AddServiceMessaging</c>'s callback.
    /// </summary>
    public static IBusRegistrationConfigurator AddOfferingCopyConsumer<TContext>(this IBusRegistrationConfigurator bus, string serviceName)
        where TContext : ServiceDbContext
    {
        bus.AddConsumer<OfferingChangedConsumer<TContext>>().Endpoint(endpoint => endpoint.Name = $"{serviceName}-offering-changed");
        return bus;
    }

    /// <summary>Retries UNAVAILABLE (Offerings restarting, or not reachable for a moment) with back-off, on every method.</summary>
    private static ServiceConfig ServiceConfig(int maxAttempts)
    {
        var config = new ServiceConfig();
        if (maxAttempts > 1)
        {
            config.MethodConfigs.Add(new MethodConfig
            {
                Names = { new MethodName { Service = OfferingsService.Descriptor.FullName } },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = maxAttempts,
                    InitialBackoff = TimeSpan.FromMilliseconds(100),
                    MaxBackoff = TimeSpan.FromSeconds(1),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable },
                },
            });
        }

        return config;
    }
}
