namespace Weerbaarheid.ServiceDefaults.Persistence;

/// <summary>Section <c>Database</c>: which engine a service stores its data in.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default: one file per service under <see cref="DataDirectory"/>) or <c>PostgreSql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite files; relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Npgsql connection string when <see cref="Provider"/> is PostgreSql (or ConnectionStrings:Database).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: <c>Full</c> (default) flushes every commit to disk, <c>Normal</c> at checkpoints.</summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>When set, replaces the connection string's user (e.g. from CloudNativePG's <c>&lt;cluster&gt;-app</c> secret).</summary>
    public string? Username { get; set; }

    /// <summary>When set, replaces the connection string's password.</summary>
    public string? Password { get; set; }

    /// <summary>Apply pending migrations when the service starts (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Apply pending migrations and seed, then exit without serving: a deployment's migration step that runs
    /// before the new version of the service (k8s/README.md, "Upgrades").
    /// </summary>
    public bool MigrateOnly { get; set; }

    /// <summary>The PostgreSQL connection string with <see cref="Username"/> and <see cref="Password"/> applied.</summary>
    public static string WithCredentials(string connectionString, string? username, string? password)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(username))
        {
            builder.Username = username;
        }

        if (!string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }

        return builder.ConnectionString;
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
