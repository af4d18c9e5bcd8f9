using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>One log entry as a sink would see it: the formatted message, every state value and every scope value, as text.</summary>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    string Message,
    IReadOnlyList<KeyValuePair<string, string>> State,
    IReadOnlyList<KeyValuePair<string, string>> Scopes,
    string? Exception)
{
    /// <summary>Everything of the entry that could reach a log sink, as text.</summary>
    public IEnumerable<string> Texts =>
        new[] { Message, Exception ?? "" }.Concat(State.Select(s => s.Value)).Concat(Scopes.Select(s => s.Value));

    public override string ToString() => $"{Level} {Category}: {Message}";
}

/// <summary>
/// A logger provider that keeps every entry of every category at every level (Trace included), with
/// its state and scopes turned into text at the moment of logging, as the JSON console would write them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToArray();

    /// <summary>Registers this provider in a host, at Trace for every category, whatever the configuration says for the others.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        // A rule for this provider beats the configured rules (e.g. Microsoft.AspNetCore: Warning), which
        // then only apply to the other providers.
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.MinLevel = LogLevel.Trace;
            options.AddFilter<CapturedLogs>(category: null, LogLevel.Trace);
        });
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static List<KeyValuePair<string, string>> Pairs(object? value, string key)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        switch (value)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> structured:
                foreach (var (name, item) in structured)
                {
                    pairs.Add(new(name, Text(item)));
                }

                pairs.Add(new(key, value.ToString() ?? ""));
                break;
            default:
                pairs.Add(new(key, Text(value)));
                break;
        }

        return pairs;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable sequence => $"[{string.Join(",", sequence.Cast<object?>().Select(Text))}]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Logger(CapturedLogs provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, string>>();
            provider._scopes.ForEachScope((scope, list) => list.AddRange(Pairs(scope, "scope")), scopes);
            provider._entries.Enqueue(new CapturedLog(
                category, logLevel, formatter(state, exception), Pairs(state, "state"), scopes, exception?.ToString()));
        }
    }
}
