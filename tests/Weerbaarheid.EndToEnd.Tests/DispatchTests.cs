using Grpc.Core;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// Dispatching TCO supporters through the gateway, with real processes and the real broker. Each test runs
/// a PeerSupport deployment of its own (fresh SQLite database with the demo rota, its own gateway) with a
/// short acceptance window for immediate dispatches, so that unanswered offers escalate within seconds.
/// The requests name the members of the neighbouring regions (and in the first test the rest of the region)
/// as involved in the incident, so a dispatch's line is short and known — the primary, the backup, the other
/// members of the region by fairness — and ends in a fixed state the tests can wait for: the coordinator
/// alerted. No test asserts how long anything took; every wait is bounded.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DispatchTests(Suite suite)
{
    private const string Region = "regions/amsterdam";

    /// <summary>Amsterdam's neighbours (NeighbouringRegions): the next in line once Amsterdam has nobody left.</summary>
    private static readonly string[] Neighbours = ["regions/noord-holland", "regions/midden-nederland"];

    /// <summary>Bounded waits, never timed: an offer or escalation arriving (window + deadline check + feed).</summary>
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    /// <summary>Reconnecting after the broker restart and the kill (the services' bus, the outbox's back-off and lease, the gateway's health check).</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    /// <summary>Closer than this to the weekly handoff, the tests let it pass first: the chain of offers must not straddle it.</summary>
    private static readonly TimeSpan HandoffMargin = TimeSpan.FromMinutes(3);

    /// <summary>Immediate dispatches must be answered within 3 s here (production: 10 minutes); the others keep their hour.</summary>
    private static readonly IReadOnlyDictionary<string, string> ShortWindows = new Dictionary<string, string>
    {
        ["PeerSupport__Dispatch__AnswerWithinImmediate"] = "00:00:03",
        ["PeerSupport__Dispatch__DeadlineCheckInterval"] = "00:00:00.200",
        ["PeerSupport__Dispatch__FeedPollInterval"] = "00:00:00.200",
        ["PeerSupport__Dispatch__HeartbeatInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Unanswered_offer_goes_from_the_primary_to_the_backup_when_its_deadline_passes()
    {
        await using var deployment = await suite.StartPeerSupportAsync(new PeerSupportDeploymentOptions { Settings = ShortWindows });
        string Details() => deployment.Output;
        var (primary, backup) = await DemoRota.OnCallWellBeforeHandoffAsync(deployment.Rota, Region, HandoffMargin, Details);
        var coordinator = DemoRota.Coordinator(Region);

        // The primary, the backup and the coordinator each watch their own offers, as the app does.
        await using var streams = new OfferStreams(deployment, Region);
        var primaryStream = await streams.ConnectAsync(primary, Details);
        var backupStream = await streams.ConnectAsync(backup, Details);
        var coordinatorStream = await streams.ConnectAsync(coordinator, Details);

        // The control room asks for support for one colleague; nobody answers.
        var request = Request($"MK-AMS-E2E-{Guid.NewGuid().ToString("N")[..8]}", Urgency.Immediate, primary, backup, restOfRegionInvolved: true,
            "e2e-colleague-1");
        var requested = (await deployment.Dispatch.RequestSupportAsync(request, ControlRoom, DemoRota.Deadline)).Dispatches;
        var name = Assert.Single(requested).Name;
        Assert.Equal(DispatchState.Offered, requested[0].State);
        Assert.Empty(requested[0].Offers); // the requester sees where it stands, not whom it was offered to

        // The primary's stream gets offer 1, with what they need to decide and to reach the colleague.
        var first = await primaryStream.OfferAsync(name, 1, Arrival, Details);
        Assert.Equal(Region, first.Region);
        Assert.Equal(request.IncidentReference, first.IncidentReference);
        Assert.Equal("e2e-colleague-1", first.Colleague.EmployeeId);
        Assert.Equal("Jan Jansen, 06-12345678", first.Colleague.Contact);
        Assert.Equal(Urgency.Immediate, first.Urgency);
        Assert.Equal(request.Requester, first.Requester);
        Assert.Equal("On-call primary of the region.", first.Reason);
        Assert.False(first.CoordinatorAlert);
        Assert.NotNull(first.Deadline);
        Assert.NotEqual("", first.ResumeToken);

        // Nobody answers: the deadline job expires it and the backup's stream gets offer 2.
        var second = await backupStream.OfferAsync(name, 2, Arrival, Details);
        Assert.Equal("On-call backup of the region.", second.Reason);
        Assert.True(second.Deadline.ToDateTimeOffset() > first.Deadline.ToDateTimeOffset(), "Offer 2 has a deadline of its own, after offer 1's.");

        // Nobody else is in line (the rest of the region and the neighbours were involved): the coordinator is alerted.
        await coordinatorStream.WaitAsync(() => coordinatorStream.Offers.Any(o => o.Dispatch == name && o.CoordinatorAlert),
            $"the coordinator alert for {name} arrives", Arrival, Details);
        var alert = coordinatorStream.Offers.Single(o => o.Dispatch == name && o.CoordinatorAlert);
        Assert.Null(alert.Deadline);

        // The coordinator sees the whole history: offer 1 to the primary expired, then offer 2 to the backup expired.
        var dispatch = (await deployment.Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = name }, DemoRota.CoordinatorCaller(Region),
            DemoRota.Deadline)).Dispatch;
        Assert.Equal(DispatchState.CoordinatorAlerted, dispatch.State);
        Assert.Equal($"members/{coordinator}", dispatch.AlertedCoordinator);
        Assert.Equal([1, 2], dispatch.Offers.Select(o => o.Number));
        Assert.Equal([$"members/{primary}", $"members/{backup}"], dispatch.Offers.Select(o => o.Member));
        Assert.All(dispatch.Offers, o =>
        {
            Assert.Equal(OfferOutcome.Expired, o.Outcome);
            Assert.True(o.AnswerTime.ToDateTimeOffset() >= o.Deadline.ToDateTimeOffset(), $"Offer {o.Number} expired at its deadline or later, not before.");
        });
        Assert.Equal(first.Deadline, dispatch.Offers[0].Deadline);
        Assert.Equal(second.Deadline, dispatch.Offers[1].Deadline);
        Assert.True(dispatch.Offers[1].OfferTime.ToDateTimeOffset() >= dispatch.Offers[0].AnswerTime.ToDateTimeOffset(),
            "Offer 2 was made when offer 1 expired, not before.");
        Assert.Equal([$"members/{primary}", $"members/{backup}", $"members/{coordinator}"], dispatch.Choices.Select(c => c.Chosen));

        // Each member got their own offer once, and only that one; a member sees only their own offer of it.
        Assert.Equal([1], primaryStream.Offers.Where(o => o.Dispatch == name && !o.CoordinatorAlert).Select(o => o.OfferNumber));
        Assert.Equal([2], backupStream.Offers.Where(o => o.Dispatch == name && !o.CoordinatorAlert).Select(o => o.OfferNumber));
        var asPrimary = (await deployment.Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = name }, DemoRota.MemberCaller(primary, Region),
            DemoRota.Deadline)).Dispatch;
        Assert.Equal([$"members/{primary}"], asPrimary.Offers.Select(o => o.Member));
    }

    /// <summary>
    /// While offers are outstanding and escalating, RabbitMQ is stopped, PeerSupport is killed (SIGKILL) and
    /// started again on the same database while the broker is still down, and then the broker comes back.
    /// Nothing is lost and nothing is offered twice: every dispatch ends with exactly the expected offers, the
    /// events on the broker match them one to one (after deduplication by message id), and a member's stream
    /// resumed with its last resume token gets exactly the open offers it had not seen.
    /// </summary>
    [Fact]
    public async Task Broker_restart_and_killed_service_lose_no_offer_and_repeat_none()
    {
        // The listener's queue is bound before anything is published, so it sees every event.
        await using var listener = await DispatchEventListener.StartAsync(suite.Broker.AmqpUrl);
        await using var deployment = await suite.StartPeerSupportAsync(new PeerSupportDeploymentOptions { Settings = ShortWindows });
        var node = deployment.Replicas[0];
        string Details() => $"{listener.Received.Describe()}{Environment.NewLine}{deployment.Output}";
        var (primary, backup) = await DemoRota.OnCallWellBeforeHandoffAsync(deployment.Rota, Region, HandoffMargin, Details);
        var coordinator = DemoRota.Coordinator(Region);
        var primaryCaller = DemoRota.MemberCaller(primary, Region);
        var run = Guid.NewGuid().ToString("N")[..8];

        // Immediate dispatches (3 s to answer) escalate all through the outage; "within 24 hours" ones (an
        // hour to answer) stay open with the primary, for the resumed stream to find.
        var immediate = new List<string>();
        var open = new List<string>();
        async Task<List<string>> RequestAsync(string batch, Urgency urgency, int colleagues)
        {
            var request = Request($"MK-AMS-E2E-{run}-{batch}", urgency, primary, backup, restOfRegionInvolved: false,
                [.. Enumerable.Range(1, colleagues).Select(i => $"e2e-{run}-{batch}-{i}")]);
            var response = await DemoRota.RetryAsync(() => deployment.Dispatch.RequestSupportAsync(request, ControlRoom, DemoRota.Deadline).ResponseAsync);
            Assert.Equal(colleagues, response.Dispatches.Count);
            var names = response.Dispatches.Select(d => d.Name).ToList();
            (urgency == Urgency.Immediate ? immediate : open).AddRange(names);
            return names;
        }

        // 1. The primary watches; batch A is offered to them and seen on their stream. (The test waits for the open
        // offers only: an immediate one that expired before the stream read it is, by design, not sent.)
        var firstStream = await OfferStream.ConnectAsync(deployment.Dispatch, primary, primaryCaller, "", Arrival, Details);
        string resumeToken;
        HashSet<(string, int)> seen;
        try
        {
            await RequestAsync("a", Urgency.Immediate, 3);
            foreach (var name in await RequestAsync("a-open", Urgency.Within24Hours, 2))
            {
                await firstStream.OfferAsync(name, 1, Arrival, Details);
            }

            // 2. The broker goes down. The service keeps taking requests and escalating; the events wait in its outbox.
            await suite.Broker.StopAsync();
            try
            {
                await RequestAsync("b", Urgency.Immediate, 3);
                foreach (var name in await RequestAsync("b-open", Urgency.Within24Hours, 2))
                {
                    await firstStream.OfferAsync(name, 1, Arrival, Details);
                }

                await Eventually.HoldsAsync(async () => (await DispatchesAsync(deployment, immediate)).Any(d => d.Offers.Count >= 2),
                    "a dispatch has escalated while the broker is down", Arrival, Details);

                // 3. In the middle of it all, PeerSupport dies hard. The primary's stream through the gateway breaks
                // (it must not hang); the app keeps the resume token of the last offer it got.
                await node.KillAsync();
                await Eventually.HoldsAsync(() => firstStream.Ended, "the primary's stream ends when PeerSupport dies", Arrival,
                    () => $"{firstStream.Describe()}{Environment.NewLine}{Details()}");
                resumeToken = firstStream.LastResumeToken;
                seen = [.. firstStream.Offers.Where(o => !o.CoordinatorAlert).Select(o => (o.Dispatch, o.OfferNumber))];

                // It comes back on the same database (the broker still down) and takes more requests.
                await node.StartAsync();
                await RequestAsync("c", Urgency.Immediate, 1);
                await RequestAsync("c-open", Urgency.Within24Hours, 2);
            }
            finally
            {
                await suite.Broker.StartAsync();
            }
        }
        finally
        {
            await firstStream.DisposeAsync();
        }

        // 4. Every immediate dispatch runs down its line to the coordinator; the open ones wait with the primary.
        var home = DemoRota.Members(Region);
        var expectedLine = new[] { primary, backup }
            .Concat(home.Where(m => m != primary && m != backup && m != coordinator).Order(StringComparer.Ordinal))
            .Select(m => $"members/{m}").ToList();
        IReadOnlyList<Dispatch> final = [];
        await Eventually.HoldsAsync(async () => (final = await DispatchesAsync(deployment, immediate))
                .All(d => d.State == DispatchState.CoordinatorAlerted),
            "every immediate dispatch has gone down its line to the coordinator", Recovery,
            () => $"{string.Join(Environment.NewLine, final.Select(d => $"{d.Name}: {d.State}, {d.Offers.Count} offer(s)"))}{Environment.NewLine}{Details()}");

        foreach (var dispatch in final)
        {
            // Offers 1..n, to the members in line, each once; each expired offer followed by exactly one next.
            Assert.Equal(Enumerable.Range(1, expectedLine.Count), dispatch.Offers.Select(o => o.Number));
            Assert.Equal(expectedLine, dispatch.Offers.Select(o => o.Member));
            Assert.All(dispatch.Offers, o => Assert.Equal(OfferOutcome.Expired, o.Outcome));
            Assert.All(dispatch.Offers.Zip(dispatch.Offers.Skip(1)), pair =>
                Assert.True(pair.Second.OfferTime.ToDateTimeOffset() >= pair.First.AnswerTime.ToDateTimeOffset(),
                    $"{dispatch.Name}: offer {pair.Second.Number} follows the expiry of offer {pair.First.Number}."));
            Assert.Equal($"members/{coordinator}", dispatch.AlertedCoordinator);
            Assert.Equal(expectedLine.Append($"members/{coordinator}"), dispatch.Choices.Select(c => c.Chosen));
        }

        foreach (var dispatch in await DispatchesAsync(deployment, open))
        {
            Assert.Equal(DispatchState.Offered, dispatch.State);
            var offer = Assert.Single(dispatch.Offers);
            Assert.Equal((1, $"members/{primary}", OfferOutcome.Pending), (offer.Number, offer.Member, offer.Outcome));
        }

        // 5. The primary's app reconnects with its last resume token: it gets exactly the open offers made since
        // (after the restart), each once, and nothing it had seen. (The immediate dispatches have all gone to the
        // coordinator: none of them is open.) Coordinator alerts are left aside: they would reach the primary
        // only in a week the coordinator is primary.
        var missedOpen = open.Where(n => !seen.Contains((n, 1))).ToList();
        Assert.Equal(2, missedOpen.Count);
        await using (var resumed = await OfferStream.ConnectAsync(deployment.Dispatch, primary, primaryCaller, resumeToken, Recovery, Details))
        {
            // The backlog comes first, then a heartbeat when idle: after a heartbeat, the backlog is complete.
            await resumed.WaitAsync(() => resumed.Heartbeats > 0 && missedOpen.All(n => resumed.Offers.Any(o => o.Dispatch == n)),
                $"the offers of {string.Join(", ", missedOpen)} and then a heartbeat arrive", Arrival, Details);
            var received = resumed.Offers.Where(o => !o.CoordinatorAlert).ToList();
            Assert.Equal(missedOpen.Order(StringComparer.Ordinal), received.Select(o => o.Dispatch).Order(StringComparer.Ordinal));
            Assert.All(received, o => Assert.Equal(1, o.OfferNumber));
            Assert.Empty(received.Select(o => (o.Dispatch, o.OfferNumber)).Intersect(seen));
        }

        // Without a token the app gets every offer still open, the ones seen before included: the token is what kept them out.
        await using (var fresh = await OfferStream.ConnectAsync(deployment.Dispatch, primary, primaryCaller, "", Recovery, Details))
        {
            await fresh.WaitAsync(() => fresh.Heartbeats > 0 && open.All(n => fresh.Offers.Any(o => o.Dispatch == n)),
                "every open offer and then a heartbeat arrive", Arrival, Details);
            Assert.Equal(open.Order(StringComparer.Ordinal),
                fresh.Offers.Where(o => !o.CoordinatorAlert).Select(o => o.Dispatch).Order(StringComparer.Ordinal));
        }

        // The coordinator's app gets each alert once.
        await using (var alerts = await OfferStream.ConnectAsync(deployment.Dispatch, coordinator, DemoRota.MemberCaller(coordinator, Region), "",
                         Recovery, Details))
        {
            await alerts.WaitAsync(() => alerts.Heartbeats > 0 && immediate.All(n => alerts.Offers.Any(o => o.Dispatch == n && o.CoordinatorAlert)),
                "an alert for every immediate dispatch and then a heartbeat arrive", Arrival, Details);
            Assert.Equal(immediate.Order(StringComparer.Ordinal),
                alerts.Offers.Where(o => o.CoordinatorAlert).Select(o => o.Dispatch).Order(StringComparer.Ordinal));
        }

        // 6. The broker got every offer and every escalation once the outbox could publish again. Delivery is at
        // least once: a copy may come twice, but then under the same message id (the outbox's), so a consumer's
        // inbox keeps one. Asserted: after deduplication by message id, exactly one DispatchOffered per
        // (dispatch, offer number) that GetDispatch shows, with its member and deadline, and none for an offer
        // that does not exist; likewise one DispatchEscalated per expired offer, naming the next in line.
        var offers = (await DispatchesAsync(deployment, immediate.Concat(open))).SelectMany(d => d.Offers.Select(o => (Dispatch: d.Name, Offer: o))).ToList();
        var expiries = offers.Where(o => o.Offer.Outcome == OfferOutcome.Expired).ToList();
        await Eventually.HoldsAsync(() =>
                offers.All(o => listener.Received.Offered.Any(e => e.Message.Dispatch == o.Dispatch && e.Message.OfferNumber == o.Offer.Number))
                && listener.Received.Escalated.Select(e => e.MessageId).Distinct().Count() >= expiries.Count,
            "every offer and every escalation has reached the listener's queue", Recovery, Details);

        var offered = listener.Received.Offered.GroupBy(e => (e.Message.Dispatch, e.Message.OfferNumber)).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(offers.Select(o => (o.Dispatch, o.Offer.Number)).Order(), offered.Keys.Order());
        foreach (var (dispatch, offer) in offers)
        {
            var copies = offered[(dispatch, offer.Number)];
            Assert.Single(copies.Select(c => c.MessageId).Distinct());
            Assert.All(copies, c =>
            {
                Assert.Equal(offer.Member, c.Message.Member);
                Assert.Equal(offer.Deadline.ToDateTimeOffset(), c.Message.Deadline);
                Assert.Equal(Region, c.Message.Region);
            });
        }

        var escalations = listener.Received.Escalated.DistinctBy(e => e.MessageId).Select(e => e.Message).ToList();
        Assert.Equal(expiries.Count, escalations.Count);
        foreach (var dispatch in final)
        {
            var mine = escalations.Where(e => e.Dispatch == dispatch.Name).OrderBy(e => expectedLine.IndexOf(e.FromMember)).ToList();
            Assert.Equal(expectedLine, mine.Select(e => e.FromMember));
            Assert.Equal(expectedLine.Skip(1).Append(null), mine.Select(e => e.OfferedTo));
            Assert.Equal(expectedLine.Select((_, i) => i == expectedLine.Count - 1), mine.Select(e => e.CoordinatorAlerted));
            Assert.All(mine, e => Assert.Equal("EXPIRED", e.Cause));
        }

        Assert.Equal(2, node.Starts);
    }

    private static Metadata ControlRoom { get; } = DemoRota.ControlRoom("e2e-meldkamer-amsterdam");

    /// <summary>
    /// A request for support after an incident in Amsterdam. Everyone in the neighbouring regions was involved
    /// in the incident, so the line is Amsterdam's alone; with <paramref name="restOfRegionInvolved"/> the rest
    /// of Amsterdam was involved too (the coordinator is kept for escalation anyway), and the line is the
    /// primary, the backup, and then the coordinator.
    /// </summary>
    private static RequestSupportRequest Request(string incident, Urgency urgency, string primary, string backup, bool restOfRegionInvolved,
        params string[] colleagues)
    {
        var request = new RequestSupportRequest
        {
            Region = Region,
            IncidentReference = incident,
            OccurredAt = DemoRota.OccurredMinutesAgo(20),
            Urgency = urgency,
            Requester = "Meldkamer Amsterdam, OvD (e2e)",
        };
        request.Colleagues.AddRange(colleagues.Select(c => new Colleague { EmployeeId = c, Team = "e2e-team", Contact = "Jan Jansen, 06-12345678" }));
        var involved = Neighbours.SelectMany(DemoRota.Members);
        if (restOfRegionInvolved)
        {
            involved = involved.Concat(DemoRota.Members(Region).Where(m => m != primary && m != backup && m != DemoRota.Coordinator(Region)));
        }

        request.InvolvedMembers.AddRange(involved.Select(m => $"members/{m}"));
        return request;
    }

    private static async Task<IReadOnlyList<Dispatch>> DispatchesAsync(PeerSupportDeployment deployment, IEnumerable<string> names)
    {
        var coordinator = DemoRota.CoordinatorCaller(Region);
        var dispatches = new List<Dispatch>();
        foreach (var name in names)
        {
            dispatches.Add((await DemoRota.RetryAsync(() =>
                deployment.Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = name }, coordinator, DemoRota.Deadline).ResponseAsync)).Dispatch);
        }

        return dispatches;
    }

    /// <summary>The offer streams a test opened, closed together.</summary>
    private sealed class OfferStreams(PeerSupportDeployment deployment, string region) : IAsyncDisposable
    {
        private readonly Dictionary<string, OfferStream> _streams = [];

        public async Task<OfferStream> ConnectAsync(string memberId, Func<string> details)
        {
            if (!_streams.TryGetValue(memberId, out var stream))
            {
                stream = await OfferStream.ConnectAsync(deployment.Dispatch, memberId, DemoRota.MemberCaller(memberId, region), "", Arrival, details);
                _streams[memberId] = stream;
            }

            return stream;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var stream in _streams.Values)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
