using System.Text;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>A host whose offer streams send a heartbeat after half a second of quiet, so idle streams show.</summary>
public sealed class QuickHeartbeatHost() : PeerSupportHost(new Dictionary<string, string?>
{
    ["PeerSupport:Dispatch:HeartbeatInterval"] = "00:00:00.5",
});

/// <summary>
/// WatchDispatches: offers reach the member's stream as they are made, an idle stream gets heartbeats, a
/// reconnect with a resume token continues after it and one without starts with every offer still open, and
/// no stream shows another member's offers. Every read has a time limit, so a missing message fails the test
/// instead of hanging it; no test measures how long anything took. The clock stays at
/// <see cref="PeerSupportApp.Start"/>; each test uses a region of its own.
/// </summary>
public sealed class DispatchStreamTests(QuickHeartbeatHost host) : IClassFixture<QuickHeartbeatHost>
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(15);

    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task An_idle_stream_gets_heartbeats_with_the_servers_time()
    {
        using var call = Watch(DemoRota.Name("limburg", 4), "limburg");

        var first = await NextAsync(call);
        var second = await NextAsync(call);

        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, first.EventCase);
        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, second.EventCase);
        Assert.Equal(Now, ToInstant(first.Heartbeat.ServerTime));
    }

    [Fact]
    public async Task An_offer_reaches_the_members_stream_as_it_is_made()
    {
        const string region = "amsterdam";
        var onCall = await App.OnCallAsync(region);
        using var call = Watch(onCall.Primary.Member, region);
        // Nothing is open for them yet: the stream is quiet until the request.
        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, (await NextAsync(call)).EventCase);

        var request = SupportRequest(region, Now, Urgency.Immediate, MemberId("collega"));
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);
        var offer = await NextOfferAsync(call);

        Assert.Equal((dispatch.Name, 1, "regions/amsterdam", request.IncidentReference, Urgency.Immediate, request.Requester),
            (offer.Dispatch, offer.OfferNumber, offer.Region, offer.IncidentReference, offer.Urgency, offer.Requester));
        Assert.Equal(request.Colleagues[0], offer.Colleague);
        Assert.Equal(request.OccurredAt, offer.OccurredAt);
        Assert.Equal(Now + Duration.FromMinutes(10), ToInstant(offer.Deadline));
        Assert.Equal("On-call primary of the region.", offer.Reason);
        Assert.False(offer.CoordinatorAlert);
        Assert.NotEqual("", offer.ResumeToken);
    }

    [Fact]
    public async Task A_stream_resumes_after_its_token_and_one_without_token_starts_with_every_open_offer()
    {
        const string region = "rotterdam";
        var onCall = await App.OnCallAsync(region);
        var member = onCall.Primary.Member;

        DispatchOffer first;
        string firstName;
        using (var call = Watch(member, region))
        {
            firstName = (await RequestAsync(region)).Name;
            first = await NextOfferAsync(call);
        }

        var secondName = (await RequestAsync(region)).Name;
        using (var resumed = Watch(member, region, first.ResumeToken))
        {
            Assert.Equal(secondName, (await NextOfferAsync(resumed)).Dispatch);
        }

        using (var fresh = Watch(member, region))
        {
            Assert.Equal([firstName, secondName], [(await NextOfferAsync(fresh)).Dispatch, (await NextOfferAsync(fresh)).Dispatch]);
        }

        // Once the first is accepted, only the second is still open: it comes, then the stream is quiet.
        await App.MemberNamed(member, region).AcceptDispatchAsync(new AcceptDispatchRequest { Name = firstName });
        using var afterAccepting = Watch(member, region);
        var open = await NextAsync(afterAccepting);
        var then = await NextAsync(afterAccepting);

        Assert.Equal(firstName, first.Dispatch);
        Assert.Equal(secondName, open.Offer?.Dispatch);
        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, then.EventCase);
    }

    [Fact]
    public async Task A_members_stream_shows_their_own_offers_only()
    {
        const string region = "den-haag";
        var onCall = await App.OnCallAsync(region);
        using var backupsStream = Watch(onCall.Backup.Member, region);

        // First one for the primary, then one the primary was involved in, so it goes to the backup.
        var forPrimary = await RequestAsync(region);
        var request = SupportRequest(region, Now, Urgency.Immediate, MemberId("collega"));
        request.InvolvedMembers.Add(onCall.Primary.Member);
        var forBackup = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);

        // The feed is read in order, so had the primary's offer reached this stream it would have come first.
        var offer = await NextOfferAsync(backupsStream);
        Assert.Equal(forBackup.Name, offer.Dispatch);
        Assert.Equal("On-call backup of the region.", offer.Reason);
        Assert.Equal([onCall.Primary.Member], (await App.AsCoordinatorSeesAsync(forPrimary)).Offers.Select(o => o.Member));
    }

    [Fact]
    public async Task The_coordinators_stream_gets_the_alert_when_nobody_is_left()
    {
        const string region = "landelijke-eenheid";
        var (request, onCall) = await App.OnlyThePrimaryLeftAsync(Urgency.Routine);
        using var coordinatorsStream = App.Coordinator(region).Dispatch.Watch(new WatchDispatchesRequest { Member = onCall.Coordinator.Member }, Limit());
        var dispatch = Assert.Single((await App.ControlRoom(region).RequestSupportAsync(request)).Dispatches);

        await App.MemberNamed(onCall.Primary.Member, region).DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Op vakantie." });
        var alert = await NextOfferAsync(coordinatorsStream);

        Assert.Equal(dispatch.Name, alert.Dispatch);
        Assert.True(alert.CoordinatorAlert);
        Assert.Null(alert.Deadline);
        Assert.Equal("Nobody left to offer it to: coordinator alerted.", alert.Reason);
    }

    [Fact]
    public async Task Only_the_member_watches_their_offers_and_a_resume_token_must_come_from_the_stream()
    {
        const string region = "oost-brabant";
        var member3 = App.Member(DemoRota.Id(region, 3), region).Dispatch;
        var watch = (string member, string token) => new WatchDispatchesRequest { Member = member, ResumeToken = token };

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => member3.WatchFirstAsync(watch(DemoRota.Name(region, 4), "")));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Coordinator(region).Dispatch.WatchFirstAsync(watch(DemoRota.Name(region, 3), "")));
        Assert.Equal(["resume_token"], await Rpc.InvalidFieldsAsync(() => member3.WatchFirstAsync(watch(DemoRota.Name(region, 3), "nonsense!"))));
        Assert.Equal(["resume_token"], await Rpc.InvalidFieldsAsync(() =>
            member3.WatchFirstAsync(watch(DemoRota.Name(region, 3), Convert.ToBase64String(Encoding.UTF8.GetBytes("feed:-1"))))));
        Assert.Equal(["member", "resume_token"], await Rpc.InvalidFieldsAsync(() => member3.WatchFirstAsync(watch("demo-oost-brabant-3", "%%"))));
        // And the member themself is welcome (nothing open: a heartbeat).
        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, (await member3.WatchFirstAsync(watch(DemoRota.Name(region, 3), ""))).EventCase);
    }

    private async Task<Dispatch> RequestAsync(string region) =>
        Assert.Single((await App.ControlRoom(region).RequestSupportAsync(SupportRequest(region, Now, Urgency.Immediate, MemberId("collega")))).Dispatches);

    private AsyncServerStreamingCall<WatchDispatchesResponse> Watch(string memberName, string region, string resumeToken = "") =>
        App.MemberNamed(memberName, region).Watch(new WatchDispatchesRequest { Member = memberName, ResumeToken = resumeToken }, Limit());

    /// <summary>A stream lives for at most half a minute, so a test that waits in vain ends.</summary>
    private static CancellationToken Limit() => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;

    private static async Task<WatchDispatchesResponse> NextAsync(AsyncServerStreamingCall<WatchDispatchesResponse> call)
    {
        using var limit = new CancellationTokenSource(ReadLimit);
        Assert.True(await call.ResponseStream.MoveNext(limit.Token), "The stream ended.");
        return call.ResponseStream.Current;
    }

    /// <summary>The next offer, past any heartbeats.</summary>
    private static async Task<DispatchOffer> NextOfferAsync(AsyncServerStreamingCall<WatchDispatchesResponse> call)
    {
        using var limit = new CancellationTokenSource(ReadLimit);
        while (true)
        {
            Assert.True(await call.ResponseStream.MoveNext(limit.Token), "The stream ended without an offer.");
            if (call.ResponseStream.Current.Offer is { } offer)
            {
                return offer;
            }
        }
    }
}

/// <summary>A host whose idle streams would wait an hour for their heartbeat.</summary>
public sealed class SlowHeartbeatHost() : PeerSupportHost(new Dictionary<string, string?>
{
    ["PeerSupport:Dispatch:HeartbeatInterval"] = "01:00:00",
});

/// <summary>A member's app learns at once that its stream is open, even with nothing to offer and a long heartbeat interval.</summary>
public sealed class DispatchStreamOpeningTests(SlowHeartbeatHost host) : IClassFixture<SlowHeartbeatHost>
{
    [Fact]
    public async Task A_stream_with_nothing_to_offer_says_at_once_that_it_is_open()
    {
        var member = DemoRota.Name("oost-brabant", 5);
        using var call = host.App.MemberNamed(member, "oost-brabant").Watch(new WatchDispatchesRequest { Member = member },
            new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

        // Far less than the hour: only the opening heartbeat can arrive within it.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(limit.Token), "The stream ended.");
        Assert.Equal(WatchDispatchesResponse.EventOneofCase.Heartbeat, call.ResponseStream.Current.EventCase);
        Assert.Equal(host.App.Clock.GetCurrentInstant(), ToInstant(call.ResponseStream.Current.Heartbeat.ServerTime));
    }
}
