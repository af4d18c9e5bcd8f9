using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Weerbaarheid.SelfTest.Data;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>A column as the database itself describes it (not as the EF model says it should be).</summary>
public sealed record CatalogueColumn(string Table, string Name, string Type);

/// <summary>
/// What the database really holds, read from its own catalogue (PRAGMA table_info on SQLite,
/// information_schema on PostgreSQL) and from its rows, over the service's own connection.
/// </summary>
public static class DatabaseCatalogue
{
    /// <summary>Every column of every table of the service's database, by table then position.</summary>
    public static Task<IReadOnlyList<CatalogueColumn>> ColumnsAsync(SelfTestApp app, DatabaseProvider provider) =>
        app.DbAsync(async db =>
        {
            var connection = await OpenAsync(db);
            var columns = new List<CatalogueColumn>();
            if (provider == DatabaseProvider.Sqlite)
            {
                var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                    r => r.GetString(0));
                foreach (var table in tables)
                {
                    // PRAGMA table_info: cid, name, type, notnull, dflt_value, pk
                    columns.AddRange(await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")",
                        r => new CatalogueColumn(table, r.GetString(1), r.GetString(2))));
                }
            }
            else
            {
                columns.AddRange(await QueryAsync(connection,
                    """
                    SELECT table_name, column_name, data_type FROM information_schema.columns
                    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                    """,
                    r => new CatalogueColumn(r.GetString(0), r.GetString(1), r.GetString(2))));
            }

            return (IReadOnlyList<CatalogueColumn>)columns;
        });

    /// <summary>Every value of every row of every table, as text (bytes also as UTF-8), with where it was found.</summary>
    public static async Task<IReadOnlyList<(string Table, string Column, string Value)>> ValuesAsync(SelfTestApp app, DatabaseProvider provider)
    {
        var tables = (await ColumnsAsync(app, provider)).Select(c => c.Table).Distinct().ToArray();
        return await app.DbAsync(async db =>
        {
            var connection = await OpenAsync(db);
            var values = new List<(string Table, string Column, string Value)>();
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var text = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
                        {
                            byte[] bytes => $"{Encoding.UTF8.GetString(bytes)} {Convert.ToHexString(bytes)}",
                            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            DateTime time when time.TimeOfDay == TimeSpan.Zero => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                            DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                            var value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                        };
                        values.Add((table, reader.GetName(i), text));
                    }
                }
            }

            return (IReadOnlyList<(string, string, string)>)values;
        });
    }

    /// <summary>The number of rows in <paramref name="table"/>.</summary>
    public static Task<long> CountAsync(SelfTestApp app, string table) =>
        app.DbAsync(async db =>
        {
            var connection = await OpenAsync(db);
            var counts = await QueryAsync(connection, $"SELECT COUNT(*) FROM \"{table}\"", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
            return counts.Single();
        });

    private static async Task<DbConnection> OpenAsync(SelfTestDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        return connection;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
