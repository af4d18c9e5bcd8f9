using System.Text.Json;
using System.Threading.RateLimiting;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Web;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Weerbaarheid.Gateway.OpenApi;
using Weerbaarheid.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Weerbaarheid.Gateway;

public static class Extensions
{
    /// <summary>Rate-limiter policy for anonymous routes (named in the routes' RateLimiterPolicy).</summary>
    public const string AnonymousRateLimitPolicy = "anonymous";

    /// <summary>Route metadata <c>"LongLived": "true"</c> marks streams that never end by themselves (WatchDispatches).</summary>
    public const string LongLivedMetadata = "LongLived";

    /// <summary>
    /// The gateway is configuration (section <c>ReverseProxy</c>): routes with their authorization and
    /// rate-limit policies, clusters with h2c to the services and active + passive health checks.
    /// Authentication is the service defaults' JWT bearer; the services check roles again.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var options = GatewayOptions.From(builder.Configuration);
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize);

        // The gateway hosts only the gRPC health service; every other gRPC method must fall through to
        // the proxy instead of being answered UNIMPLEMENTED by the gateway's own gRPC server.
        builder.Services.Configure<GrpcServiceOptions>(grpc => grpc.IgnoreUnknownServices = true);
        var proxy = builder.Configuration.GetSection("ReverseProxy");
        if (!proxy.GetSection("Routes").GetChildren().Any())
        {
            // Without routes every call would be refused as if unauthorised; say what is wrong instead.
            throw new InvalidOperationException(
                "The gateway has no routes (ReverseProxy:Routes). appsettings.json is read from the content root, " +
                $"here {builder.Environment.ContentRootPath}: start the gateway from its own folder or set ASPNETCORE_CONTENTROOT.");
        }

        var reverseProxy = builder.Services.AddReverseProxy().LoadFromConfig(proxy);
        if (options.ResolveDestinationsByDns)
        {
            // One destination per address a name resolves to (a headless Service: one per ready pod), so
            // requests are balanced over the pods, not pinned to one by a long-lived HTTP/2 connection.
            reverseProxy.AddDnsDestinationResolver(dns => dns.RefreshPeriod = options.DnsRefreshPeriod);
        }
        builder.Services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });
        // Bearer tokens, no cookies: credentials are never allowed cross-origin. The gRPC-Web status and the
        // correlation id are readable by the page.
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(options.CorsOrigins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Status-Details-Bin", CorrelationIdMiddleware.HeaderName)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AnonymousRateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.AnonymousRateLimit.Burst,
                    TokensPerPeriod = options.AnonymousRateLimit.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return builder;
    }

    /// <summary>Answers CORS preflights before authentication: a browser sends them without a token.</summary>
    public static WebApplication UseGatewayCors(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    /// <summary>Where the gateway serves the OpenAPI document of the JSON API.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    public static WebApplication MapGateway(this WebApplication app)
    {
        var openApi = JsonApiDocument.Build(JsonApiDocument.Contracts).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        app.MapGet(OpenApiPath, () => Results.Text(openApi, "application/json")).AllowAnonymous();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        // gRPC-Web (binary and text) from browsers becomes plain gRPC here, before YARP forwards it over h2c;
        // the answer's trailers go back in the gRPC-Web body.
        app.UseGrpcWebText();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapReverseProxy(pipeline =>
        {
            pipeline.Use(AnswerTimeoutsWithGatewayTimeout);
            pipeline.Use(EndLongLivedStreamsOnShutdown);
            // What MapReverseProxy() adds by itself; a custom pipeline has to name it.
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>
    /// The request timeout cancels the proxied call as if the caller had gone away, which YARP answers 400.
    /// The caller is still there and did nothing wrong: it gets 504, as from any gateway.
    /// </summary>
    private static async Task AnswerTimeoutsWithGatewayTimeout(HttpContext context, Func<Task> next)
    {
        await next();
        var timedOut = context.Features.Get<IHttpRequestTimeoutFeature>()?.RequestTimeoutToken.IsCancellationRequested == true;
        if (timedOut && context.GetForwarderErrorFeature()?.Error == ForwarderError.RequestCanceled && !context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        }
    }

    /// <summary>
    /// A stream on a long-lived route is cut when the gateway stops. A graceful shutdown (a rolling update)
    /// otherwise waits its whole timeout for streams that never end by themselves; the client reconnects
    /// to another gateway replica and resumes with its token.
    /// </summary>
    private static async Task EndLongLivedStreamsOnShutdown(HttpContext context, Func<Task> next)
    {
        var metadata = context.GetReverseProxyFeature().Route.Config.Metadata;
        if (metadata?.GetValueOrDefault(LongLivedMetadata) != "true")
        {
            await next();
            return;
        }

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await using (stopping.Register(context.Abort))
        {
            await next();
        }
    }
}
