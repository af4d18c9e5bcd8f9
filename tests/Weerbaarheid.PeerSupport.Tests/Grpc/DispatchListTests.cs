using Grpc.Core;
using NodaTime;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// ListDispatches and ListSupportCases: a region's (its coordinator) and a member's own, newest first, a page
/// at a time. Each list holds three items, two of them made in one request (or accepted) at the same instant a
/// minute after the first, so the pages must neither skip nor repeat items that share an instant. Each test
/// uses a region of its own; the clock moves forward by minutes.
/// </summary>
public sealed class DispatchListTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task A_regions_dispatches_are_listed_newest_first_a_page_at_a_time_for_its_coordinator()
    {
        const string region = "zeeland-west-brabant";
        var (older, newer) = await ThreeDispatchesAsync(region);
        var coordinator = App.Coordinator(region).Dispatch;

        var pages = await PagesAsync(token => coordinator.ListDispatchesAsync(new ListDispatchesRequest
        {
            Parent = $"regions/{region}",
            PageSize = 1,
            PageToken = token,
        }), r => r.Dispatches, r => r.NextPageToken);

        Assert.Equal(3, pages.Count);
        var names = pages.Select(page => Assert.Single(page).Name).ToList();
        Assert.Equal(newer.Order(), names.Take(2).Order());
        Assert.Equal(older, names[2]);
        // The coordinator's view: every offer and every choice.
        Assert.All(pages, page => Assert.NotEmpty(page[0].Choices));

        var onCall = await App.OnCallAsync(region);
        await App.MemberNamed(onCall.Primary.Member, region).AcceptDispatchAsync(new AcceptDispatchRequest { Name = names[1] });
        var accepted = await coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}", State = DispatchState.Accepted });
        var offered = await coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}", State = DispatchState.Offered });
        Assert.Equal([names[1]], accepted.Dispatches.Select(d => d.Name));
        Assert.Equal([names[0], names[2]], offered.Dispatches.Select(d => d.Name));

        Assert.Equal(["state"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}", State = (DispatchState)7 })));
        Assert.Equal(["page_token"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}", PageToken = "bladzijde-2" })));
        Assert.Equal(["page_size"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}", PageSize = -1 })));
        Assert.Equal(["parent"], await Rpc.InvalidFieldsAsync(() => coordinator.ListDispatchesAsync(new ListDispatchesRequest { Parent = "regio's" })));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Coordinator("rotterdam").Dispatch.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}" }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.MemberNamed(onCall.Primary.Member, region).ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{region}" }));
    }

    [Fact]
    public async Task A_members_offers_are_listed_for_them_alone()
    {
        const string region = "oost-brabant";
        var (older, newer) = await ThreeDispatchesAsync(region);
        var onCall = await App.OnCallAsync(region);
        var primary = App.MemberNamed(onCall.Primary.Member, region);

        var pages = await PagesAsync(token => primary.ListDispatchesAsync(new ListDispatchesRequest
        {
            Parent = onCall.Primary.Member,
            PageSize = 1,
            PageToken = token,
        }), r => r.Dispatches, r => r.NextPageToken);

        Assert.Equal(3, pages.Count);
        var names = pages.Select(page => Assert.Single(page).Name).ToList();
        Assert.Equal(newer.Order(), names.Take(2).Order());
        Assert.Equal(older, names[2]);
        // The member's view: their own offer, not the choices.
        Assert.All(pages, page => Assert.Equal([onCall.Primary.Member], page[0].Offers.Select(o => o.Member)));
        Assert.All(pages, page => Assert.Empty(page[0].Choices));

        // Nothing was offered to the backup.
        var backup = App.MemberNamed(onCall.Backup.Member, region);
        Assert.Empty((await backup.ListDispatchesAsync(new ListDispatchesRequest { Parent = onCall.Backup.Member })).Dispatches);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => backup.ListDispatchesAsync(new ListDispatchesRequest { Parent = onCall.Primary.Member }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Coordinator(region).Dispatch.ListDispatchesAsync(new ListDispatchesRequest { Parent = onCall.Primary.Member }));
    }

    [Fact]
    public async Task Cases_are_listed_newest_first_for_the_supporter_and_the_regions_coordinator()
    {
        const string region = "limburg";
        var onCall = await App.OnCallAsync(region);
        var supporter = App.MemberNamed(onCall.Primary.Member, region);
        var dispatches = (await App.ControlRoom(region).RequestSupportAsync(
            SupportRequest(region, Now, Urgency.Routine, MemberId("collega"), MemberId("collega"), MemberId("collega")))).Dispatches;
        var older = (await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatches[2].Name })).SupportCase.Name;
        App.Clock.Advance(Duration.FromMinutes(1));
        var newer = new List<string>();
        foreach (var dispatch in dispatches.Take(2))
        {
            newer.Add((await supporter.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name })).SupportCase.Name);
        }

        foreach (var (client, parent) in new[] { (supporter, onCall.Primary.Member), (App.Coordinator(region).Dispatch, $"regions/{region}") })
        {
            var pages = await PagesAsync(token => client.ListSupportCasesAsync(new ListSupportCasesRequest
            {
                Parent = parent,
                PageSize = 1,
                PageToken = token,
            }), r => r.SupportCases, r => r.NextPageToken);

            Assert.Equal(3, pages.Count);
            var names = pages.Select(page => Assert.Single(page).Name).ToList();
            Assert.Equal(newer.Order(), names.Take(2).Order());
            Assert.Equal(older, names[2]);
        }

        await supporter.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = newer[0], Outcome = CaseOutcome.Closed });
        var open = await supporter.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = onCall.Primary.Member, OpenOnly = true });
        Assert.Equal([newer[1], older], open.SupportCases.Select(c => c.Name));

        var backup = App.MemberNamed(onCall.Backup.Member, region);
        Assert.Empty((await backup.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = onCall.Backup.Member })).SupportCases);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => backup.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = onCall.Primary.Member }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => backup.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = $"regions/{region}" }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Coordinator("amsterdam").Dispatch.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = $"regions/{region}" }));
    }

    /// <summary>One dispatch, then a minute later two in one request; all offered to the on-call primary.</summary>
    private async Task<(string Older, List<string> Newer)> ThreeDispatchesAsync(string region)
    {
        var controlRoom = App.ControlRoom(region);
        var older = Assert.Single((await controlRoom.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, MemberId("collega")))).Dispatches);
        App.Clock.Advance(Duration.FromMinutes(1));
        var newer = (await controlRoom.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, MemberId("collega"), MemberId("collega")))).Dispatches;
        Assert.All(newer, d => Assert.Equal(newer[0].CreateTime, d.CreateTime));
        return (older.Name, [.. newer.Select(d => d.Name)]);
    }

    /// <summary>Every page of a list, following the page tokens; fails on a repeated item or an endless list.</summary>
    private static async Task<List<List<T>>> PagesAsync<TResponse, T>(Func<string, Task<TResponse>> list, Func<TResponse, IEnumerable<T>> items,
        Func<TResponse, string> nextToken)
    {
        var pages = new List<List<T>>();
        var token = "";
        do
        {
            Assert.True(pages.Count < 10, "The list did not end.");
            var response = await list(token);
            pages.Add([.. items(response)]);
            token = nextToken(response);
        }
        while (token.Length > 0);

        var all = pages.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        return pages;
    }
}
