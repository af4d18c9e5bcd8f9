using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Data;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;

namespace Weerbaarheid.Offerings.Tests.Grpc;

/// <summary>The programme's offerings are seeded on first start; later starts add only what is missing.</summary>
public sealed class SeedingTests
{
    public static TheoryData<DatabaseProvider> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_first_start_seeds_the_programme_and_publishes_each_offering(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);

        var listed = await host.App.Anonymous.ListOfferingsAsync(new ListOfferingsRequest());

        Assert.Equal(16, listed.Offerings.Count);
        Assert.All(listed.Offerings, o => Assert.Equal("1", o.Etag));
        foreach (var offering in listed.Offerings)
        {
            await host.App.PublishedAsync(offering.Name, OfferingChangeKind.Created, 1);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_restart_keeps_an_admins_edits_and_seeds_nothing_twice(DatabaseProvider provider)
    {
        await using var host = await OfferingsHost.StartAsync(provider);
        var read = (await host.App.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/mental-check-up" })).Offering;
        var edit = read.Clone();
        edit.Title = Samples.Text("Mentale APK", "Mental MOT");
        await host.App.Admin.UpdateOfferingAsync(new UpdateOfferingRequest { Offering = edit, UpdateMask = new FieldMask { Paths = { "title" } } });
        await host.App.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "offerings/fit-at-np" });
        await host.App.PublishedAsync("offerings/mental-check-up", OfferingChangeKind.Updated, 2);
        await host.App.PublishedAsync("offerings/fit-at-np", OfferingChangeKind.Retired, 2);

        await host.RestartAsync();

        var app = host.App;
        var after = (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/mental-check-up" })).Offering;
        Assert.Equal(Samples.Text("Mentale APK", "Mental MOT"), after.Title);
        Assert.Equal("2", after.Etag);
        Assert.Equal(State.Retired, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/fit-at-np" })).Offering.State);
        Assert.Equal(16, (await app.Anonymous.ListOfferingsAsync(new ListOfferingsRequest { ShowRetired = true })).Offerings.Count);

        // Running the seeder again by hand changes nothing either.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OfferingsDbContext>();
            await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<OfferingsDbContext>>().SeedAsync(db, CancellationToken.None);
            Assert.Equal(16, await db.Offerings.CountAsync());
            Assert.Equal("Mentale APK", (await db.Offerings.SingleAsync(o => o.Slug == "mental-check-up")).Content.Title.Nl);
        }

        // Events leave the outbox in order: once this later change is out, anything the restart queued would be too.
        await app.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "offerings/zelftest" });
        await app.PublishedAsync("offerings/zelftest", OfferingChangeKind.Retired, 2);
        Assert.Empty(app.PublishedSoFar("offerings/mental-check-up"));
        Assert.DoesNotContain(app.PublishedSoFar(), e => e.Change == OfferingChangeKind.Created);
    }

    [Fact]
    public async Task A_missing_programme_offering_is_seeded_again()
    {
        await using var host = await OfferingsHost.StartAsync(DatabaseProvider.Sqlite);
        var app = host.App;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OfferingsDbContext>();
            await db.Offerings.Where(o => o.Slug == "de-basis").ExecuteDeleteAsync();

            await scope.ServiceProvider.GetRequiredService<IDatabaseSeeder<OfferingsDbContext>>().SeedAsync(db, CancellationToken.None);

            Assert.Equal(16, await db.Offerings.CountAsync());
        }

        Assert.Equal(State.Active, (await app.Anonymous.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/de-basis" })).Offering.State);
        await app.Admin.RetireOfferingAsync(new RetireOfferingRequest { Name = "offerings/zelftest" });
        await app.PublishedAsync("offerings/zelftest", OfferingChangeKind.Retired, 2);
        Assert.Equal([OfferingChangeKind.Created, OfferingChangeKind.Created], app.PublishedSoFar("offerings/de-basis").Select(e => e.Change));
    }
}
