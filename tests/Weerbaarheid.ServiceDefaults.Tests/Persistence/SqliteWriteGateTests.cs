using Microsoft.EntityFrameworkCore;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.ServiceDefaults.Tests.Infrastructure;

namespace Weerbaarheid.ServiceDefaults.Tests.Persistence;

/// <summary>
/// SQLite transactions queue in process (SqliteWriteGate) instead of meeting a busy database, which
/// Microsoft.Data.Sqlite retries every 150 ms. The gate must never be left closed.
/// </summary>
public sealed class SqliteWriteGateTests
{
    public static TheoryData<DatabaseProvider> Providers => Weerbaarheid.Testing.TestDatabase.Providers;

    [Fact]
    public async Task Concurrent_read_modify_write_transactions_all_commit_and_lose_nothing()
    {
        await using var service = await TestService.StartAsync(DatabaseProvider.Sqlite);
        await service.WithDbAsync(async db =>
        {
            db.Tallies.Add(new Tally { Name = "counter", Count = 0 });
            await db.SaveChangesAsync();
        });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tally = await db.Tallies.SingleAsync(t => t.Name == "counter");
            tally.Count++;
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }))));

        Assert.Equal(40, Assert.Single(await service.TalliesAsync()).Count);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task On_SQLite_every_save_takes_a_transaction_so_it_queues_at_the_gate(DatabaseProvider provider)
    {
        // EF saves a single statement without a transaction; that write would pass the gate and meet a busy
        // database instead (Microsoft.Data.Sqlite retries every 150 ms): the self-test benchmark halved.
        await using var service = await TestService.StartAsync(provider);
        var expected = provider == DatabaseProvider.Sqlite ? AutoTransactionBehavior.Always : AutoTransactionBehavior.WhenNeeded;
        Assert.Equal(expected, await service.WithDbAsync(db => Task.FromResult(db.Database.AutoTransactionBehavior)));
    }

    [Fact]
    public async Task A_transaction_ended_without_commit_or_rollback_leaves_the_gate_open()
    {
        await using var service = await TestService.StartAsync(DatabaseProvider.Sqlite);

        // Disposed mid-way (an exception in a using block): neither committed nor rolled back by us.
        await service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Tallies.Add(new Tally { Name = "abandoned", Count = 1 });
            await db.SaveChangesAsync();
        });
        // Failed at commit: the key is taken.
        await service.WithDbAsync(async db =>
        {
            db.Tallies.Add(new Tally { Name = "taken", Count = 1 });
            await db.SaveChangesAsync();
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => service.WithDbAsync(async db =>
        {
            db.Tallies.Add(new Tally { Name = "taken", Count = 2 });
            await db.SaveChangesAsync();
        }));

        // The next writer gets in at once; a gate left closed would hold it for 30 s and then throw.
        using var soon = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await service.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(soon.Token);
            db.Tallies.Add(new Tally { Name = "after", Count = 1 });
            await db.SaveChangesAsync(soon.Token);
            await transaction.CommitAsync(soon.Token);
        });

        Assert.Equal(["after", "taken"], (await service.TalliesAsync()).Select(t => t.Name));
    }
}
