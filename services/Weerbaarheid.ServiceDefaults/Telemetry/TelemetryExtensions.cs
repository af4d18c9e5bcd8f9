using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Weerbaarheid.ServiceDefaults.Messaging;

namespace Weerbaarheid.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Structured JSON logs on stdout (with trace and span ids), OpenTelemetry traces and metrics for
    /// ASP.NET Core, gRPC clients, HttpClient, MassTransit and the outbox, a Prometheus scrape endpoint,
    /// and OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IHostApplicationBuilder AddServiceTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                                                && !context.Request.Path.StartsWithSegments("/metrics");
                    options.EnrichWithHttpRequest = (activity, _) => ForgetCaller(activity);
                    options.EnrichWithHttpResponse = (activity, _) => ForgetCaller(activity);
                })
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddSource(OutboxDiagnostics.ActivitySourceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(InstrumentationOptions.MeterName)
                .AddMeter(OutboxDiagnostics.MeterName)
                .AddPrometheusExporter());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Traces say what happened, never who asked: the caller's address and user agent are dropped from
    /// every server span. The self-test promises to keep neither, and no other service needs them.
    /// </summary>
    internal static void ForgetCaller(System.Diagnostics.Activity activity)
    {
        foreach (var tag in CallerTags)
        {
            activity.SetTag(tag, null);
        }
    }

    private static readonly string[] CallerTags =
        ["user_agent.original", "http.user_agent", "client.address", "client.port", "network.peer.address", "network.peer.port", "net.peer.ip"];
}
