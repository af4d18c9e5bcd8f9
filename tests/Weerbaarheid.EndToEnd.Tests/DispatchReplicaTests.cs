using Grpc.Core;
using Npgsql;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.Testing;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// Three PeerSupport processes on one PostgreSQL database, each with its deadline job running, race for the
/// same offer deadlines. Each deadline must fire exactly once: no dispatch escalated twice, none missed.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DispatchReplicaTests(Suite suite)
{
    private const string Region = "regions/amsterdam";
    private const int Replicas = 3;
    private const int Requests = 20;
    private const int ColleaguesPerRequest = 10; // 200 dispatches

    /// <summary>Amsterdam's neighbours (NeighbouringRegions).</summary>
    private static readonly string[] Neighbours = ["regions/noord-holland", "regions/midden-nederland"];

    /// <summary>Bounded, never timed: every dispatch run down its (short) line.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(120);

    [PostgresFact]
    public async Task Three_replicas_fire_every_offer_deadline_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var listener = await DispatchEventListener.StartAsync(suite.Broker.AmqpUrl);
        await using var deployment = await suite.StartPeerSupportAsync(new PeerSupportDeploymentOptions
        {
            Replicas = Replicas,
            WithGateway = false,
            Database = database.Settings,
            Settings = new Dictionary<string, string>
            {
                // Immediate offers must be answered within 2 s; every replica checks for due offers every 100 ms.
                ["PeerSupport__Dispatch__AnswerWithinImmediate"] = "00:00:02",
                ["PeerSupport__Dispatch__DeadlineCheckInterval"] = "00:00:00.100",
                ["PeerSupport__Dispatch__HeartbeatInterval"] = "00:00:01",
            },
        });
        string Details() => $"{listener.Received.Describe()}{Environment.NewLine}{deployment.Output}";
        var replicas = deployment.Replicas;
        var (primary, backup) = await DemoRota.OnCallWellBeforeHandoffAsync(replicas[0].Rota, Region, TimeSpan.FromMinutes(3), Details);
        var coordinator = DemoRota.Coordinator(Region);

        // The three of them watch their offers, each on another replica than most offers are made on: the
        // offer feed is shared through the database.
        await using var coordinatorStream = await OfferStream.ConnectAsync(replicas[0].Dispatch, coordinator,
            DemoRota.MemberCaller(coordinator, Region), "", Settled, Details);
        await using var backupStream = await OfferStream.ConnectAsync(replicas[1].Dispatch, backup, DemoRota.MemberCaller(backup, Region), "",
            Settled, Details);
        await using var primaryStream = await OfferStream.ConnectAsync(replicas[2].Dispatch, primary, DemoRota.MemberCaller(primary, Region), "",
            Settled, Details);

        // Everyone but the primary and the backup (and the coordinator) was involved in the incidents, so each
        // dispatch's line is short and ends in a fixed state: offer 1 to the primary expires, offer 2 to the
        // backup expires, the coordinator is alerted. Requests go to the replicas in turn, all at once, each twice.
        var involved = Neighbours.SelectMany(DemoRota.Members)
            .Concat(DemoRota.Members(Region).Where(m => m != primary && m != backup && m != coordinator))
            .Select(m => $"members/{m}").ToList();
        var run = Guid.NewGuid().ToString("N")[..8];
        var controlRoom = DemoRota.ControlRoom("e2e-meldkamer-amsterdam");
        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var request = new RequestSupportRequest
            {
                Region = Region,
                IncidentReference = $"MK-AMS-E2E-{run}-{i}",
                OccurredAt = DemoRota.OccurredMinutesAgo(10),
                Urgency = Urgency.Immediate,
                Requester = "Meldkamer Amsterdam (e2e, replicas)",
                InvolvedMembers = { involved },
            };
            request.Colleagues.AddRange(Enumerable.Range(1, ColleaguesPerRequest)
                .Select(c => new Colleague { EmployeeId = $"e2e-{run}-{i}-{c}", Team = "e2e-team" }));
            // The control room's retry races its first attempt on another replica: RequestSupport is idempotent,
            // so both get the same dispatches and only one of each is made.
            var answers = await Task.WhenAll(
                replicas[i % Replicas].Dispatch.RequestSupportAsync(request, controlRoom, DemoRota.Deadline).ResponseAsync,
                replicas[(i + 1) % Replicas].Dispatch.RequestSupportAsync(request, controlRoom, DemoRota.Deadline).ResponseAsync);
            Assert.Equal(answers[0].Dispatches.Select(d => d.Name), answers[1].Dispatches.Select(d => d.Name));
            return answers[0];
        }));
        var names = responses.SelectMany(r => r.Dispatches.Select(d => d.Name)).ToHashSet();
        Assert.Equal(Requests * ColleaguesPerRequest, names.Count);

        // Nobody answers. Wait until no dispatch is waiting for an answer any more.
        var coordinatorCaller = DemoRota.CoordinatorCaller(Region);
        var stillOffered = -1;
        await Eventually.HoldsAsync(async () => (stillOffered = (await ListAsync(replicas[0].Dispatch, coordinatorCaller, DispatchState.Offered)).Count) == 0,
            "every dispatch's offers have expired and it went to the coordinator", Settled,
            () => $"{stillOffered} dispatch(es) still offered.{Environment.NewLine}{Details()}");

        // Through the API, from each replica: every dispatch has offer 1 (primary) EXPIRED once and offer 2
        // (backup) EXPIRED once, and nothing more; the coordinator was alerted once.
        foreach (var replica in replicas)
        {
            var dispatches = await ListAsync(replica.Dispatch, coordinatorCaller, DispatchState.Unspecified);
            Assert.Equal(names.Order(StringComparer.Ordinal), dispatches.Select(d => d.Name).Order(StringComparer.Ordinal));
            Assert.All(dispatches, d =>
            {
                Assert.Equal(DispatchState.CoordinatorAlerted, d.State);
                Assert.Equal(
                    [(1, $"members/{primary}", OfferOutcome.Expired), (2, $"members/{backup}", OfferOutcome.Expired)],
                    d.Offers.Select(o => (o.Number, o.Member, o.Outcome)));
                Assert.Equal([$"members/{primary}", $"members/{backup}", $"members/{coordinator}"], d.Choices.Select(c => c.Chosen));
                Assert.Equal($"members/{coordinator}", d.AlertedCoordinator);
            });
        }

        // Straight from the database: each dispatch was changed exactly three times (offered, escalated, alerted:
        // its version counts every saved change), and the offer feed the streams read holds each offer and the
        // alert exactly once.
        await using (var connection = new NpgsqlConnection(database.Settings["Database:ConnectionString"]))
        {
            await connection.OpenAsync();
            var versions = await QueryAsync(connection, """SELECT "Version", count(*) FROM dispatches GROUP BY "Version" """,
                r => (Version: r.GetInt64(0), Count: r.GetInt64(1)));
            Assert.Equal([(3L, (long)names.Count)], versions);

            var feed = await QueryAsync(connection,
                """SELECT "DispatchId", "OfferNumber", "CoordinatorAlert", "MemberId" FROM offer_feed ORDER BY "Sequence" """,
                r => (Dispatch: $"dispatches/{r.GetGuid(0):N}", Number: r.GetInt32(1), Alert: r.GetBoolean(2), Member: r.GetString(3)));
            Assert.Equal(names.Count * 3, feed.Count);
            Assert.All(feed.GroupBy(f => f.Dispatch), lines =>
            {
                Assert.Contains(lines.Key, names);
                Assert.Equal([(1, false, primary), (2, false, backup), (2, true, coordinator)], lines.Select(l => (l.Number, l.Alert, l.Member)));
            });
        }

        // On the streams: the coordinator gets every alert exactly once, whichever replica made it. The primary and
        // the backup get no offer twice and only their own; they may miss some, by design: an offer that has
        // expired before a stream reads it is no longer open and is not sent (with 2 s to answer, on a loaded machine).
        await coordinatorStream.WaitAsync(() => coordinatorStream.Offers.Count(o => o.CoordinatorAlert) >= names.Count,
            "an alert for every dispatch arrives", Settled, Details);
        var alerts = coordinatorStream.Offers.Where(o => o.CoordinatorAlert).Select(o => o.Dispatch).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), alerts.Order(StringComparer.Ordinal));
        foreach (var (stream, number) in new[] { (primaryStream, 1), (backupStream, 2) })
        {
            var received = stream.Offers.Select(o => (o.Dispatch, o.OfferNumber, o.CoordinatorAlert)).ToList();
            Assert.Equal(received.Count, received.Distinct().Count());
            Assert.All(received, o => Assert.Equal((true, number, false), (names.Contains(o.Dispatch), o.OfferNumber, o.CoordinatorAlert)));
        }

        // On the broker, after deduplication by message id (delivery is at least once): exactly one
        // DispatchOffered per (dispatch, offer number) for offers 1 and 2, and exactly two DispatchEscalated per
        // dispatch (primary → backup, backup → coordinator alert). A deadline fired twice would show as a
        // second event under another message id.
        await Eventually.HoldsAsync(() =>
                listener.Received.Offered.Select(e => e.MessageId).Distinct().Count() >= names.Count * 2
                && listener.Received.Escalated.Select(e => e.MessageId).Distinct().Count() >= names.Count * 2,
            "every DispatchOffered and DispatchEscalated has reached the listener's queue", Settled, Details);
        var offered = listener.Received.Offered.DistinctBy(e => e.MessageId).Select(e => e.Message).ToList();
        Assert.Equal(names.Count * 2, offered.Count);
        Assert.All(offered.GroupBy(e => e.Dispatch), offers =>
        {
            Assert.Contains(offers.Key, names);
            Assert.Equal([(1, $"members/{primary}"), (2, $"members/{backup}")], offers.OrderBy(o => o.OfferNumber).Select(o => (o.OfferNumber, o.Member)));
        });
        var escalated = listener.Received.Escalated.DistinctBy(e => e.MessageId).Select(e => e.Message).ToList();
        Assert.Equal(names.Count * 2, escalated.Count);
        Assert.All(escalated.GroupBy(e => e.Dispatch), escalations =>
        {
            Assert.Contains(escalations.Key, names);
            Assert.Equal(
                [($"members/{primary}", (string?)$"members/{backup}", false), ($"members/{backup}", null, true)],
                escalations.OrderBy(e => e.CoordinatorAlerted).Select(e => (e.FromMember, e.OfferedTo, e.CoordinatorAlerted)));
        });
    }

    /// <summary>Every dispatch of the region (in <paramref name="state"/>, unless unspecified), as its coordinator lists them.</summary>
    private static async Task<List<Dispatch>> ListAsync(DispatchService.DispatchServiceClient client, Metadata coordinator, DispatchState state)
    {
        var all = new List<Dispatch>();
        var token = "";
        do
        {
            var page = await client.ListDispatchesAsync(
                new ListDispatchesRequest { Parent = Region, State = state, PageSize = 200, PageToken = token }, coordinator, DemoRota.Deadline);
            all.AddRange(page.Dispatches);
            token = page.NextPageToken;
        }
        while (token != "");

        return all;
    }

    private static async Task<List<T>> QueryAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
