using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Weerbaarheid.ServiceDefaults.Telemetry;

/// <summary>
/// One id per request across the gateway and the services, in every log line (a logging scope), on the
/// trace (tag <c>correlation.id</c>) and in the response, so an operator can follow a caller's report through
/// the suite. A caller's own <c>X-Correlation-Id</c> is kept when it is a plain token; anything else is
/// replaced, so no caller-chosen text reaches the logs. The gateway sets it first; services keep it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    public const string TagName = "correlation.id";
    public const int MaximumLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        var id = IsPlainToken(context.Request.Headers[HeaderName].ToString()) ? context.Request.Headers[HeaderName].ToString() : NewId();
        // On the request too, so the gateway forwards it to the service it proxies to.
        context.Request.Headers[HeaderName] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag(TagName, id);
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    /// <summary>1 to 64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsPlainToken(string? value) =>
        value is { Length: > 0 and <= MaximumLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string NewId() => Guid.NewGuid().ToString("N");
}

public static class CorrelationIdExtensions
{
    /// <summary>Gives every request a correlation id; first in the pipeline, so every later log line carries it.</summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.UseMiddleware<CorrelationIdMiddleware>();
}
