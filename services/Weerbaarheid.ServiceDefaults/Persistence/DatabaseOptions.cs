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

    /// <summary>Apply pending migrations when the service starts (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
