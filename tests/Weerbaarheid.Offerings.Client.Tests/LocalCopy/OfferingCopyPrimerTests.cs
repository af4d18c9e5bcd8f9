extern alias Server;

using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Weerbaarheid.Offerings.Client.Tests.Infrastructure;
using static Weerbaarheid.Offerings.Client.Tests.Infrastructure.Samples;
using ServerV1 = Server::Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client.Tests.LocalCopy;

/// <summary>
/// The primer fills an empty copy from ListOfferings, page by page, however long Offerings keeps failing, and
/// never overwrites a newer version that an event brought meanwhile. A copy that has rows is left to the events.
/// </summary>
public sealed class OfferingCopyPrimerTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Offerings:Address"] = FakeOfferings.Address.ToString(),
        ["Offerings:MaxAttempts"] = "2",
        ["Offerings:PrimerRetryDelay"] = "00:00:00.050",
        ["Offerings:PrimerMaxRetryDelay"] = "00:00:00.200",
    };

    private static async Task<FakeOfferings> CatalogueOfTwoPagesAsync()
    {
        var offerings = await FakeOfferings.StartAsync();
        offerings.Pages[""] = ([Offering("buddy", etag: "3"), Offering("de-basis", etag: "2", ServerV1.State.Retired)], "page-2");
        offerings.Pages["page-2"] = ([Offering("tco", etag: "not-a-number")], "");
        return offerings;
    }

    [Fact]
    public async Task An_empty_copy_is_filled_from_every_page_once_Offerings_answers()
    {
        await using var offerings = await CatalogueOfTwoPagesAsync();
        offerings.ListFailures = 3;
        await using var service = await ClientHost.StartAsync(Settings, offerings.CreateHandler);

        await service.PrimeAsync();

        var copy = await service.CopyAsync();
        Assert.Equal(
            [("offerings/buddy", 3L, CachedOffering.Active), ("offerings/de-basis", 2L, CachedOffering.Retired), ("offerings/tco", 0L, CachedOffering.Active)],
            copy.Select(o => (o.Name, o.Version, o.State)));
        var buddy = copy[0];
        Assert.Equal(("Buddy", "Buddy (en)", "Samen sterk.", "Stronger together."), (buddy.TitleNl, buddy.TitleEn, buddy.SummaryNl, buddy.SummaryEn));
        Assert.Equal(("CATEGORY_PEER_SUPPORT", "ACCESS_METHOD_REFERRAL", "https://intranet.politie.nl/buddy", true),
            (buddy.Category, buddy.AccessMethod, buddy.AccessUrl, buddy.AroundTheClock));
        Assert.Equal(["AUDIENCE_EMPLOYEE", "AUDIENCE_FORMER_EMPLOYEE"], buddy.Audiences);
        Assert.Equal(["TOPIC_STRESS", "TOPIC_PTSD"], buddy.Topics);
        Assert.Equal(ChangedAt, buddy.ChangedAt.ToDateTimeOffset());
        // Three failed calls (two attempts, then one), then the two pages.
        Assert.Equal(5, offerings.ListCalls);
    }

    [Fact]
    public async Task An_event_consumed_while_Offerings_is_down_neither_ends_the_priming_nor_is_overwritten_by_it()
    {
        await using var offerings = await CatalogueOfTwoPagesAsync();
        offerings.ListFailures = int.MaxValue;
        await using var service = await ClientHost.StartAsync(Settings, offerings.CreateHandler);

        var priming = service.PrimeAsync();
        await Eventually.HoldsAsync(() => offerings.ListCalls >= 2, "the primer has tried");
        await service.DeliverAsync(Updated("buddy", 5, Snapshot(title: "Buddy, versie 5")));
        offerings.ListFailures = 0;
        await priming;

        var copy = await service.CopyAsync();
        Assert.Equal(["offerings/buddy", "offerings/de-basis", "offerings/tco"], copy.Select(o => o.Name));
        Assert.Equal((5L, "Buddy, versie 5"), (copy[0].Version, copy[0].TitleNl));
    }

    [Fact]
    public async Task An_event_stored_between_the_primers_read_and_its_save_is_kept_and_the_primer_copies_again_at_once()
    {
        await using var offerings = await CatalogueOfTwoPagesAsync();
        var racingEvent = new BeforeFirstCopySave();
        // A retry after the usual delay would outlast PrimeAsync's patience: only an immediate one passes.
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Offerings:PrimerRetryDelay"] = "00:10:00",
            ["Offerings:PrimerMaxRetryDelay"] = "00:10:00",
        };
        await using var service = await ClientHost.StartAsync(settings, offerings.CreateHandler,
            services: s => s.ConfigureDbContext<SqliteCopyDb>(db => db.AddInterceptors(racingEvent)));
        racingEvent.Run = () => service.DeliverAsync(Updated("buddy", 5, Snapshot(title: "Buddy, versie 5")));

        await service.PrimeAsync();

        Assert.True(racingEvent.Ran);
        var copy = await service.CopyAsync();
        Assert.Equal(["offerings/buddy", "offerings/de-basis", "offerings/tco"], copy.Select(o => o.Name));
        Assert.Equal((5L, "Buddy, versie 5"), (copy[0].Version, copy[0].TitleNl));
        Assert.Equal(4, offerings.ListCalls); // both pages, twice
    }

    [Fact]
    public async Task A_copy_that_has_rows_is_left_to_the_events()
    {
        await using var offerings = await CatalogueOfTwoPagesAsync();
        await using var service = await ClientHost.StartAsync(Settings, offerings.CreateHandler);
        await service.AddToCopyAsync(Created("zelftest"));

        await service.PrimeAsync();

        Assert.Equal(0, offerings.ListCalls);
        Assert.Equal("offerings/zelftest", Assert.Single(await service.CopyAsync()).Name);
    }

    private static ServerV1.Offering Offering(string slug, string etag, ServerV1.State state = ServerV1.State.Active)
    {
        var offering = new ServerV1.Offering
        {
            Name = $"offerings/{slug}",
            Title = new ServerV1.LocalizedText { Nl = "Buddy", En = "Buddy (en)" },
            Summary = new ServerV1.LocalizedText { Nl = "Samen sterk.", En = "Stronger together." },
            Category = ServerV1.Category.PeerSupport,
            Availability = new ServerV1.Availability { AroundTheClock = true },
            Access = new ServerV1.Access { Method = ServerV1.AccessMethod.Referral, Url = "https://intranet.politie.nl/buddy" },
            State = state,
            Etag = etag,
            UpdateTime = Timestamp.FromDateTimeOffset(ChangedAt),
        };
        offering.Audiences.Add([ServerV1.Audience.Employee, ServerV1.Audience.FormerEmployee]);
        offering.Topics.Add([ServerV1.Topic.Stress, ServerV1.Topic.Ptsd]);
        return offering;
    }

    /// <summary>Runs <see cref="Run"/> once, just before the first save that adds to the copy: the race window.</summary>
    private sealed class BeforeFirstCopySave : SaveChangesInterceptor
    {
        private int _ran;

        public Func<Task> Run { get; set; } = () => Task.CompletedTask;

        public bool Ran => _ran == 1;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var addsToCopy = eventData.Context!.ChangeTracker.Entries<CachedOffering>().Any(e => e.State == EntityState.Added);
            if (addsToCopy && Interlocked.Exchange(ref _ran, 1) == 0)
            {
                await Run();
            }

            return result;
        }
    }
}
