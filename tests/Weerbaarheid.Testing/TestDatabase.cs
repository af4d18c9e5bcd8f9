using Microsoft.Data.Sqlite;
using Npgsql;
using Weerbaarheid.ServiceDefaults.Persistence;

using Xunit;

namespace Weerbaarheid.Testing;

/// <summary>
/// A database of its own for one host: a fresh temporary folder for the SQLite file, or a uniquely
/// named database on the PostgreSQL server named by <see cref="PostgresVariable"/>. Dropped on dispose.
/// By default the host applies its migrations on start, as in production; tests of the shared
/// machinery that create their schema themselves pass <c>migrateOnStart: false</c>.
/// Every test project with database-dependent tests uses this, so PostgreSQL is exercised everywhere.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "WEERBAARHEID_TEST_POSTGRES";
    public const string SkipPostgresVariable = "WEERBAARHEID_SKIP_POSTGRES";

    private readonly Func<Task> _drop;

    private TestDatabase(DatabaseProvider provider, Dictionary<string, string?> settings, Func<Task> drop)
    {
        Provider = provider;
        Settings = settings;
        _drop = drop;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Configuration (section <c>Database</c>) that points the service at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>SQLite always; PostgreSQL unless <see cref="SkipPostgresVariable"/> is 1.</summary>
    public static TheoryData<DatabaseProvider> Providers
    {
        get
        {
            var providers = new TheoryData<DatabaseProvider> { DatabaseProvider.Sqlite };
            if (Environment.GetEnvironmentVariable(SkipPostgresVariable) != "1")
            {
                providers.Add(DatabaseProvider.PostgreSql);
            }

            return providers;
        }
    }

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrateOnStart = true) => provider switch
    {
        DatabaseProvider.Sqlite => Task.FromResult(CreateSqlite(migrateOnStart)),
        DatabaseProvider.PostgreSql => CreatePostgresAsync(migrateOnStart),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public ValueTask DisposeAsync() => new(_drop());

    public static TestDatabase CreateSqlite(bool migrateOnStart = true)
    {
        var directory = Path.Combine(Path.GetTempPath(), "weerbaarheid-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:DataDirectory"] = directory,
            ["Database:MigrateOnStart"] = migrateOnStart ? "true" : "false",
        };
        return new TestDatabase(DatabaseProvider.Sqlite, settings, () =>
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere only leaves a little litter in the temp folder.
            }

            return Task.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreatePostgresAsync(bool migrateOnStart)
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail(
                $"{PostgresVariable} is not set, so the PostgreSQL variant of this test cannot run. Start a server and " +
                $"set it, e.g. eval \"$(tests/postgres-setup.sh | tail -n 1)\" which exports " +
                $"{PostgresVariable}='Host=127.0.0.1;Port=5432;Username=weerbaarheid;Password=weerbaarheid;Database=postgres'. " +
                $"To run only the SQLite variants, set {SkipPostgresVariable}=1.");
        }

        var name = $"weerbaarheid_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        // Test hosts run side by side against one server (max_connections 100 by default): each gets a pool of at
        // most 20 and waits for a free connection beyond that, as a production replica with a sized pool does.
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.PostgreSql),
            ["Database:ConnectionString"] = connectionString,
            ["Database:MigrateOnStart"] = migrateOnStart ? "true" : "false",
        };
        return new TestDatabase(DatabaseProvider.PostgreSql, settings, async () =>
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
