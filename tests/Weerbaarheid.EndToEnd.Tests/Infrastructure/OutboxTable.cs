using Microsoft.Data.Sqlite;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A look into the Offerings service's outbox (its SQLite file, opened beside the running service):
/// shows that an event is held there, with the id it will be published under, and how often the
/// dispatcher has tried to publish it.
/// </summary>
public static class OutboxTable
{
    public sealed record Row(Guid MessageId, int Attempts, string? LastError);

    /// <summary>The pending OfferingChanged for <paramref name="offeringName"/>, or null when there is none (any more).</summary>
    public static async Task<Row?> FindAsync(string databasePath, string offeringName)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite, // WAL readers need the shared-memory file; never create the database
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT MessageId, Attempts, LastError FROM outbox_messages " +
            "WHERE MessageType LIKE '%.OfferingChanged,%' AND Body LIKE '%' || $name || '%' ORDER BY Sequence";
        command.Parameters.AddWithValue("$name", $"\"name\":\"{offeringName}\"");
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var row = new Row(Guid.Parse(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        Assert.False(await reader.ReadAsync(), $"Expected one pending OfferingChanged for {offeringName} in the outbox.");
        return row;
    }
}
