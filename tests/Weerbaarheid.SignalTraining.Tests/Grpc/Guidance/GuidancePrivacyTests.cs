using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Guidance;

/// <summary>
/// Nothing of a guidance request is logged: not the signals, valid or refused, at any level, in any category,
/// in a message, its values or its scopes, also while Offerings is unreachable and the answer comes from the copy.
/// </summary>
public sealed class GuidancePrivacyTests(GuidancePrivacyTests.LoggedHost host) : IClassFixture<GuidancePrivacyTests.LoggedHost>
{
    [Fact]
    public async Task No_log_entry_names_a_signal_that_was_asked_about()
    {
        var client = GuidanceClient.Manager(host.App);
        await GuidanceOfferings.PublishAllAsync(host.App);
        var before = host.Logs.Count;

        await client.GuideAsync(Signal.TalksAboutSuicide, Signal.Alcohol, Signal.Absence);
        await client.GuideAsync(Signal.HeavyIncident);
        await Rpc.InvalidFieldsAsync(() => client.GuideAsync(Signal.Reliving, Signal.Unspecified, Signal.Reliving));
        await Rpc.InvalidFieldsAsync(() => client.GuideAsync(Signal.Cynicism, Signal.Cynicism));

        var entries = host.Logs.Skip(before).ToArray();
        // The answers were logged about (the fallback to the copy, the refused requests), so the capture works.
        Assert.NotEmpty(entries);
        // Each signal as the contract names it, as C# names it, and the topics and severity asked for instead.
        var words = SignalGuidanceReflection.Descriptor.EnumTypes.Single(e => e.Name == "Signal").Values.Select(v => v.Name)
            .Concat(Enum.GetValues<Signal>().Select(s => s.ToString()))
            .Concat(["TOPIC_", "SEVERITY_", "Ptsd", "HeavyIncident"]);
        Assert.All(entries, entry => Assert.All(words, word => Assert.DoesNotContain(word, entry, StringComparison.Ordinal)));
    }

    /// <summary>The service with every log entry captured as text: message, state values, scopes and exception.</summary>
    public sealed class LoggedHost : SignalTrainingHost
    {
        public LoggedHost()
            : this(new CapturingLoggerProvider())
        {
        }

        private LoggedHost(CapturingLoggerProvider provider)
            : base(new Dictionary<string, string?>(), provider.AddTo) => Provider = provider;

        private CapturingLoggerProvider Provider { get; }

        public IReadOnlyList<string> Logs => Provider.Entries;
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> _entries = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public IReadOnlyList<string> Entries => _entries.ToArray();

        public void AddTo(IServiceCollection services)
        {
            services.AddSingleton<ILoggerProvider>(this);
            services.Configure<LoggerFilterOptions>(options =>
            {
                options.MinLevel = LogLevel.Trace;
                options.AddFilter<CapturingLoggerProvider>(category: null, LogLevel.Trace);
            });
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var parts = new List<string> { category, formatter(state, exception), exception?.ToString() ?? "" };
                if (state is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
                }

                provider._scopes.ForEachScope((scope, list) =>
                {
                    list.Add(scope?.ToString() ?? "");
                    if (scope is IEnumerable<KeyValuePair<string, object?>> scopeValues)
                    {
                        list.AddRange(scopeValues.Select(v => $"{v.Key}={v.Value}"));
                    }
                }, parts);
                provider._entries.Enqueue(string.Join(" | ", parts));
            }
        }
    }
}
