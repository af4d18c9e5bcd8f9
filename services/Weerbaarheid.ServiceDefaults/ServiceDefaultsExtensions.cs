using System.Reflection;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.ServiceDefaults.Hosting;
using Weerbaarheid.ServiceDefaults.Telemetry;

namespace Weerbaarheid.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Health checks with this tag make up readiness: the database (Unhealthy when unreachable) and the
    /// broker (Degraded when unreachable: the outbox holds events meanwhile). /health/ready answers 503
    /// only when Unhealthy; its body says Healthy, Degraded or Unhealthy.
    /// </summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// What every Weerbaarheid host gets: its ports, JSON logs, telemetry, JWT authentication, health
    /// checks, the gRPC server with error mapping, JSON transcoding, reflection and the gRPC health
    /// service, and a NodaTime clock. Persistence and messaging are added per service
    /// (<c>AddServiceDatabase</c>, <c>AddServiceMessaging</c>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string? serviceName = null)
    {
        serviceName ??= Assembly.GetEntryAssembly()?.GetName().Name ?? builder.Environment.ApplicationName;
        builder.ConfigurePorts();
        builder.AddServiceTelemetry(serviceName);
        builder.AddServiceAuthentication();
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.AddHealthChecks();

        builder.Services
            .AddGrpc(options => options.Interceptors.Add<ErrorMappingInterceptor>())
            // JSON clients get the same error details as gRPC clients (google.rpc.BadRequest, ResourceInfo),
            // which the transcoder can only write when it knows their types.
            .AddJsonTranscoding(json => json.TypeRegistry = TypeRegistry.FromFiles(ErrorDetailsReflection.Descriptor));
        builder.Services.AddGrpcReflection();
        // The gRPC health service reports the readiness checks, so a load balancer probing over gRPC and
        // one probing /health/ready agree.
        builder.Services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", registration => registration.Tags.Contains(ReadyTag));
        });
        return builder;
    }

    /// <summary>Maps health, metrics, gRPC reflection and the gRPC health service; all anonymous.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseCorrelationId();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
        }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }

    private static void ConfigurePorts(this IHostApplicationBuilder builder)
    {
        var ports = builder.Configuration.GetSection(PortOptions.Section).Get<PortOptions>() ?? new PortOptions();
        if (ports.Grpc is null && ports.Ops is null && ports.Http is null)
        {
            return; // no ports configured: ASPNETCORE_URLS or the test server decide
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            if (ports.Grpc is { } grpc)
            {
                kestrel.ListenAnyIP(grpc, listen => listen.Protocols = HttpProtocols.Http2);
            }

            if (ports.Http is { } http)
            {
                kestrel.ListenAnyIP(http, listen => listen.Protocols = HttpProtocols.Http1);
            }

            if (ports.Ops is { } ops)
            {
                kestrel.ListenAnyIP(ops, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
    }
}
