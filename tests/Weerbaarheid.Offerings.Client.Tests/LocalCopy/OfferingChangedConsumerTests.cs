using Weerbaarheid.Offerings.Client.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;
using static Weerbaarheid.Offerings.Client.Tests.Infrastructure.Samples;

namespace Weerbaarheid.Offerings.Client.Tests.LocalCopy;

/// <summary>
/// OfferingChanged keeps the local copy current: out of order and repeated events are safe because only a
/// newer version changes a row, and a retired offering stays as retired.
/// </summary>
public sealed class OfferingChangedConsumerTests
{
    private static readonly Dictionary<string, string?> NoOfferings = [];

    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task A_created_offering_enters_the_copy(DatabaseProvider provider)
    {
        await using var service = await ClientHost.StartAsync(NoOfferings, provider: provider);
        var created = Created("tco", Snapshot(title: "TCO", topics: ["TOPIC_HEAVY_INCIDENT", "TOPIC_STRESS"], aroundTheClock: true));

        await service.DeliverAsync(created);

        var stored = Assert.Single(await service.CopyAsync());
        Assert.Equal(("offerings/tco", 1L, CachedOffering.Active, "TCO", "TCO (en)"), (stored.Name, stored.Version, stored.State, stored.TitleNl, stored.TitleEn));
        Assert.Equal(["TOPIC_HEAVY_INCIDENT", "TOPIC_STRESS"], stored.Topics);
        Assert.Equal(["AUDIENCE_EMPLOYEE"], stored.Audiences);
        Assert.Equal(("CATEGORY_PEER_SUPPORT", "ACCESS_METHOD_SIGN_UP", true), (stored.Category, stored.AccessMethod, stored.AroundTheClock));
        Assert.Equal(created.Offering.AccessUrl, stored.AccessUrl);
        Assert.Equal(ChangedAt, stored.ChangedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Events_arrive_on_an_endpoint_named_after_the_service()
    {
        await using var service = await ClientHost.StartAsync(NoOfferings);

        await service.DeliverAsync(Created("tco"));

        var consumed = Assert.Single(service.Harness.Consumed.Select<Contracts.Offerings.OfferingChanged>(new CancellationToken(canceled: true)));
        Assert.EndsWith($"/{ClientHost.ServiceName}-offering-changed", consumed.Context.ReceiveContext.InputAddress.AbsolutePath);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_newer_version_replaces_the_stored_one(DatabaseProvider provider)
    {
        await using var service = await ClientHost.StartAsync(NoOfferings, provider: provider);
        await service.DeliverAsync(Created("buddy"));

        await service.DeliverAsync(Updated("buddy", 2, Snapshot(title: "Buddynetwerk", topics: ["TOPIC_BURNOUT"], audiences: ["AUDIENCE_MANAGER"])));

        var stored = Assert.Single(await service.CopyAsync());
        Assert.Equal((2L, "Buddynetwerk"), (stored.Version, stored.TitleNl));
        Assert.Equal(["TOPIC_BURNOUT"], stored.Topics);
        Assert.Equal(["AUDIENCE_MANAGER"], stored.Audiences);
        Assert.Equal(ChangedAt.AddMinutes(2), stored.ChangedAt.ToDateTimeOffset());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task An_older_or_repeated_version_changes_nothing(DatabaseProvider provider)
    {
        await using var service = await ClientHost.StartAsync(NoOfferings, provider: provider);
        await service.DeliverAsync(Updated("buddy", 3, Snapshot(title: "Derde versie")));

        await service.DeliverAsync(Created("buddy", Snapshot(title: "Eerste versie")));
        await service.DeliverAsync(Updated("buddy", 2, Snapshot(title: "Tweede versie")));
        await service.DeliverAsync(Updated("buddy", 3, Snapshot(title: "Derde versie, nog eens")));

        var stored = Assert.Single(await service.CopyAsync());
        Assert.Equal((3L, "Derde versie"), (stored.Version, stored.TitleNl));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_retired_offering_stays_in_the_copy_as_retired_and_is_not_recommended(DatabaseProvider provider)
    {
        await using var service = await ClientHost.StartAsync(NoOfferings, provider: provider);
        await service.DeliverAsync(Created("buddy"));
        await service.DeliverAsync(Created("check-up"));

        // A retirement always retires, whatever state its snapshot claims.
        await service.DeliverAsync(Retired("buddy", 2, Snapshot(state: CachedOffering.Active)));

        var copy = await service.CopyAsync();
        Assert.Equal([("offerings/buddy", 2L, CachedOffering.Retired), ("offerings/check-up", 1L, CachedOffering.Active)],
            copy.Select(o => (o.Name, o.Version, o.State)));
        Assert.Equal(["offerings/check-up"], LocalOfferingRanker.Rank(copy, [Topic.Stress], Severity.Mild, Audience.Employee, 0).Select(o => o.Name));
    }

    [Fact]
    public async Task An_update_that_arrives_after_the_retirement_does_not_bring_the_offering_back()
    {
        await using var service = await ClientHost.StartAsync(NoOfferings);
        await service.DeliverAsync(Retired("buddy", 3));

        await service.DeliverAsync(Updated("buddy", 2, Snapshot()));

        var stored = Assert.Single(await service.CopyAsync());
        Assert.Equal((3L, CachedOffering.Retired), (stored.Version, stored.State));
    }
}
