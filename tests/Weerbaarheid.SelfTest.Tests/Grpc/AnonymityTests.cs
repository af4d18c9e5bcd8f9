using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.SelfTest.Data;
using Weerbaarheid.SelfTest.Domain;
using Weerbaarheid.SelfTest.Tests.Infrastructure;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Grpc;

/// <summary>
/// The proofs of anonymity the issue asks for: the schema, read from the database's own catalogue on SQLite
/// and PostgreSQL, has no column for a person or a moment; the database never holds a token, only its hash;
/// and a whole self-test, taken by a caller with a telling user agent and address, leaves no token, answer,
/// user agent or address in any log entry (every category at Trace) or any span.
/// </summary>
public sealed class AnonymityTests(AnonymityTests.ObservedHost host) : IClassFixture<AnonymityTests.ObservedHost>
{
    /// <summary>What the self-test tables consist of, exactly: anything added must be argued for here.</summary>
    private static readonly Dictionary<string, string[]> SelfTestTables = new()
    {
        ["self_tests"] = ["TokenHash", "InstrumentId", "InstrumentVersion", "Answers", "StartedWeek", "CompletedWeek", "Band", "ExpiresOn", "Version"],
        ["completion_counts"] = ["InstrumentId", "Band", "Week", "Completions"],
        ["pending_completions"] = ["Id", "InstrumentId", "Band", "Week"],
    };

    /// <summary>Words that name a person, or where and with what they connect. Column names are split into words first.</summary>
    private static readonly string[] IdentityWords =
        ["user", "employee", "subject", "sub", "ip", "address", "agent", "email", "mail", "phone", "name", "person", "caller", "client", "host", "login", "account"];

    /// <summary>
    /// The one allowed exception: the local copy of the offerings catalogue is keyed by the offering's resource
    /// name ("offerings/{slug}"), which names an offering, never a person.
    /// </summary>
    private static readonly (string Table, string Column) OfferingName = ("offering_copy", "Name");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_self_test_tables_have_exactly_the_expected_columns_and_none_for_a_person_or_a_moment(DatabaseProvider provider)
    {
        await using var started = await SelfTestHost.StartAsync(provider);
        var app = started.App;
        await app.Anonymous.CompleteAsync("phq-9", AnonymityProbe.Answers);
        await app.Anonymous.StartAsync("who-5");

        var columns = await DatabaseCatalogue.ColumnsAsync(app, provider);
        var problems = new List<string>();

        foreach (var (table, expected) in SelfTestTables)
        {
            var actual = columns.Where(c => c.Table == table).Select(c => c.Name).ToArray();
            problems.AddRange(actual.Except(expected).Select(c => $"unexpected column {table}.{c}"));
            problems.AddRange(expected.Except(actual).Select(c => $"missing column {table}.{c}"));
        }

        // No column of any table, the outbox and inbox included, names a person or a connection.
        problems.AddRange(columns
            .Where(c => (c.Table, c.Name) != OfferingName && Words(c.Name).Intersect(IdentityWords).Any())
            .Select(c => $"identity column {c.Table}.{c.Name}"));

        // No moment in the self-test tables: no timestamp, time or interval column; the only date is the expiry day.
        var selfTestColumns = columns.Where(c => SelfTestTables.ContainsKey(c.Table)).ToArray();
        problems.AddRange(selfTestColumns.Where(c => Regex.IsMatch(c.Type, "time|interval", RegexOptions.IgnoreCase))
            .Select(c => $"time column {c.Table}.{c.Name} {c.Type}"));
        problems.AddRange(selfTestColumns
            .Where(c => provider == DatabaseProvider.PostgreSql
                ? c.Type == "date" ? (c.Table, c.Name) != ("self_tests", "ExpiresOn") : c.Type is not ("character varying" or "text" or "integer" or "uuid")
                : c.Type is not ("TEXT" or "INTEGER"))
            .Select(c => $"unexpected type {c.Table}.{c.Name} {c.Type}"));

        Assert.Empty(problems);
        Assert.Contains(columns, c => (c.Table, c.Name) == OfferingName); // the exception is still what it says

        // SQLite keeps dates and times as text, so the values themselves show what is kept: a day, and weeks.
        var values = await DatabaseCatalogue.ValuesAsync(app, provider);
        Assert.All(values.Where(v => v.Table == "self_tests" && v.Column == "ExpiresOn"), v => Assert.Matches("^2026-12-30$", v.Value));
        Assert.All(values.Where(v => SelfTestTables.ContainsKey(v.Table) && v.Column.EndsWith("Week", StringComparison.Ordinal) && v.Value != ""),
            v => Assert.Matches(@"^\d{4}-W\d{2}$", v.Value));
        Assert.Contains(values, v => v.Table == "self_tests" && v.Column == "CompletedWeek" && v.Value == SelfTestApp.StartWeek);
        Assert.Empty(values.Where(v => SelfTestTables.ContainsKey(v.Table) && Regex.IsMatch(v.Value, @"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"))
            .Select(v => $"{v.Table}.{v.Column} = {v.Value}"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_holds_the_hash_of_a_token_never_the_token(DatabaseProvider provider)
    {
        await using var started = await SelfTestHost.StartAsync(provider);
        var app = started.App;
        var probe = await AnonymityProbe.RunAsync(app);
        var tokens = new[] { probe.Token, probe.DeletedToken, probe.UnknownToken, AnonymityProbe.MalformedToken };

        var values = await DatabaseCatalogue.ValuesAsync(app, provider);

        Assert.Empty(values.Where(v => tokens.Any(t => v.Value.Contains(t, StringComparison.Ordinal))).Select(v => $"{v.Table}.{v.Column}"));
        var row = Assert.Single(values, v => v.Table == "self_tests" && v.Column == "TokenHash");
        Assert.Equal(SelfTestToken.Hash(probe.Token), row.Value);
        Assert.Contains(values, v => v.Table == "self_tests" && v.Column == "Answers" && v.Value.Contains("\"9\":0", StringComparison.Ordinal));

        if (provider == DatabaseProvider.Sqlite)
        {
            // The files themselves, journal and WAL included: not even a page freed by a deletion holds a token.
            SqliteFilesHold(started, SelfTestToken.Hash(probe.Token), expected: true);
            foreach (var token in tokens)
            {
                SqliteFilesHold(started, token, expected: false);
            }
        }
    }

    [Fact]
    public async Task Logs_at_every_level_never_hold_a_token_an_answer_the_user_agent_or_the_address()
    {
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var options = scope.ServiceProvider.GetRequiredService<SelfTestDbContext>().GetService<IDbContextOptions>();
            Assert.False(options.FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled ?? false,
                "EF Core's sensitive data logging would write parameter values, tokens' hashes and answers included, into the log.");
        }

        var before = host.Logs.Entries.Count;
        var probe = await AnonymityProbe.RunAsync(host.App);
        var entries = host.Logs.Entries;

        Assert.True(entries.Count - before > 50, "The flow should have logged plenty at Trace level.");
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level <= Microsoft.Extensions.Logging.LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level <= Microsoft.Extensions.Logging.LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Weerbaarheid.Offerings.Client", StringComparison.Ordinal));
        AssertReceivedTheProbe();

        Assert.Empty(probe.FoundIn(entries.SelectMany(e => e.Texts.Select(text => (e.ToString(), text)))));
        Assert.Empty(entries.SelectMany(e => e.State.Concat(e.Scopes))
            .Where(pair => Regex.IsMatch(pair.Key, "token|answer", RegexOptions.IgnoreCase))
            .Select(pair => pair.Key)
            .Distinct());
    }

    /// <remarks>
    /// The user agent is what instrumentation really records (OpenTelemetry's ASP.NET Core instrumentation sets
    /// user_agent.original from the header); ServiceDefaults' ForgetCaller removes it. The service reads no
    /// forwarded headers, so the address could only appear if something started to. Mind when breaking
    /// ForgetCaller to see this fail: every host in the test process enriches every host's request spans (the
    /// instrumentation listens process-wide), so it must be broken in ServiceDefaults, not in one host.
    /// </remarks>
    [Fact]
    public async Task Traces_never_hold_a_token_the_user_agent_or_the_address()
    {
        AnonymityProbe probe;
        IReadOnlyList<RecordedActivity> activities;
        using (var recorded = new RecordedActivities())
        {
            probe = await AnonymityProbe.RunAsync(host.App);
            activities = recorded.Activities;
        }

        AssertReceivedTheProbe();
        var serverSpans = activities.Where(a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn"
                                                && a.Tags.Any(t => t.Value.Contains("SelfTestService", StringComparison.Ordinal))).ToArray();
        Assert.True(serverSpans.Length >= 10, $"Expected a server span for each of the probe's calls, found {serverSpans.Length}.");
        Assert.All(serverSpans, span => Assert.Contains(span.Tags, t => t.Key == "http.request.method")); // OpenTelemetry enriched it
        Assert.Empty(serverSpans.SelectMany(span => span.Tags)
            .Where(t => t.Key is "user_agent.original" or "http.user_agent" or "client.address" or "network.peer.address" or "net.peer.ip")
            .Select(t => $"{t.Key}={t.Value}")
            .Distinct());

        Assert.Empty(probe.FoundIn(activities.SelectMany(a => a.Texts.Select(text => (a.ToString(), text)))));
    }

    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    private void AssertReceivedTheProbe() =>
        Assert.Contains((AnonymityProbe.UserAgent, AnonymityProbe.ForwardedFor), host.Received.Requests);

    /// <summary>"TokenHash" → token, hash; "user_agent" → user, agent.</summary>
    private static IEnumerable<string> Words(string name) =>
        Regex.Matches(name, "[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+").Select(m => m.Value.ToLowerInvariant());

    private static void SqliteFilesHold(SelfTestHost started, string text, bool expected)
    {
        var directory = started.Database.Settings["Database:DataDirectory"]!;
        var files = Directory.GetFiles(directory);
        Assert.NotEmpty(files);
        var needle = Encoding.UTF8.GetBytes(text);
        var holding = files.Where(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.GetBuffer().AsSpan(0, (int)memory.Length).IndexOf(needle) >= 0;
        }).Select(Path.GetFileName).ToArray();
        Assert.True(expected == holding.Length > 0,
            expected ? $"Expected '{text}' in the SQLite files ({string.Join(", ", files.Select(Path.GetFileName))})." : $"Found '{text}' in {string.Join(", ", holding)}.");
    }

    /// <summary>A SQLite host whose logs are captured at Trace for every category, and whose received headers are recorded.</summary>
    public sealed class ObservedHost : SelfTestHost
    {
        public ObservedHost()
            : this(new CapturedLogs(), new ReceivedHeaders())
        {
        }

        private ObservedHost(CapturedLogs logs, ReceivedHeaders received)
            : base(new Dictionary<string, string?>(), services =>
            {
                logs.AddTo(services);
                received.AddTo(services);
            })
        {
            Logs = logs;
            Received = received;
        }

        public CapturedLogs Logs { get; }

        public ReceivedHeaders Received { get; }
    }
}
