using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weerbaarheid.ServiceDefaults.Telemetry;

namespace Weerbaarheid.ServiceDefaults.Tests.Telemetry;

/// <summary>Every request has one correlation id: the caller's when it is a plain token, a new one otherwise.</summary>
public sealed class CorrelationIdTests
{
    [Fact]
    public async Task A_request_without_one_gets_a_new_id_in_the_response_the_request_and_every_log_line()
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().GetAsync("/echo");

        var id = Assert.Single(response.Headers.GetValues(CorrelationIdMiddleware.HeaderName));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, await response.Content.ReadAsStringAsync());
        Assert.Contains(id, app.Services.GetRequiredService<ScopeLog>().CorrelationIds);
    }

    [Fact]
    public async Task A_plain_id_from_the_caller_is_kept()
    {
        await using var app = await StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.Add(CorrelationIdMiddleware.HeaderName, "meldkamer-2026.11.23_0042");

        var response = await client.GetAsync("/echo");

        Assert.Equal("meldkamer-2026.11.23_0042", Assert.Single(response.Headers.GetValues(CorrelationIdMiddleware.HeaderName)));
        Assert.Equal("meldkamer-2026.11.23_0042", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("id\",\"Role\":\"admin")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task Any_other_id_is_replaced_so_caller_text_never_reaches_the_logs(string sent)
    {
        await using var app = await StartAsync();
        var client = app.GetTestClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation(CorrelationIdMiddleware.HeaderName, sent);

        var response = await client.GetAsync("/echo");

        var id = Assert.Single(response.Headers.GetValues(CorrelationIdMiddleware.HeaderName));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.DoesNotContain(sent, app.Services.GetRequiredService<ScopeLog>().CorrelationIds);
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        var log = new ScopeLog();
        builder.Services.AddSingleton(log);
        builder.Logging.ClearProviders().AddProvider(log).SetMinimumLevel(LogLevel.Information);
        var app = builder.Build();
        app.UseCorrelationId();
        app.MapGet("/echo", (HttpContext context, ILogger<CorrelationIdTests> logger) =>
        {
            logger.LogInformation("handled");
            return context.Request.Headers[CorrelationIdMiddleware.HeaderName].ToString();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Records the CorrelationId of the scopes around each log line.</summary>
    private sealed class ScopeLog : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<string> CorrelationIds { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => log._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (formatter(state, exception) != "handled")
                {
                    return;
                }

                log._scopes.ForEachScope((scope, ids) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        ids.AddRange(pairs.Where(p => p.Key == "CorrelationId").Select(p => p.Value.ToString()!));
                    }
                }, log.CorrelationIds);
            }
        }
    }
}
