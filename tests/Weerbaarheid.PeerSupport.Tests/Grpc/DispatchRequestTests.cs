using System.Text.Json;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// RequestSupport and GetDispatch on the <see cref="DemoRota"/>: one dispatch per colleague, offered first to
/// the region's on-call primary, idempotent per source × incident × colleague, checked field by field, and
/// asked for by whom. The clock stays at <see cref="PeerSupportApp.Start"/>; each test uses a region of its own.
/// </summary>
public sealed class DispatchRequestTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    private Instant Now => App.Clock.GetCurrentInstant();

    [Fact]
    public async Task A_request_makes_one_dispatch_per_colleague_each_offered_first_to_the_on_call_primary()
    {
        var onCall = await App.OnCallAsync("amsterdam");
        var (first, second) = (MemberId("collega"), MemberId("collega"));
        var request = SupportRequest("amsterdam", Now, Urgency.Immediate, first, second);

        var dispatches = (await App.ControlRoom("amsterdam").RequestSupportAsync(request)).Dispatches;

        Assert.Equal([first, second], dispatches.Select(d => d.Colleague.EmployeeId));
        Assert.Equal(2, dispatches.Select(d => d.Name).Distinct().Count());
        Assert.All(dispatches, d =>
        {
            Assert.Matches("^dispatches/[0-9a-f]{32}$", d.Name);
            Assert.Equal(DispatchState.Offered, d.State);
            Assert.Equal(("regions/amsterdam", request.IncidentReference, Urgency.Immediate, request.Requester),
                (d.Region, d.IncidentReference, d.Urgency, d.Requester));
            Assert.Equal(request.OccurredAt, d.OccurredAt);
            Assert.Equal(Now, ToInstant(d.CreateTime));
            Assert.Equal("", d.SupportCase);
            // The control room sees where its request stands, not whom it was offered to.
            Assert.Empty(d.Offers);
            Assert.Empty(d.Choices);
        });

        foreach (var dispatch in dispatches)
        {
            var seen = await App.AsCoordinatorSeesAsync(dispatch);
            Assert.Equal(request.Colleagues.Single(c => c.EmployeeId == dispatch.Colleague.EmployeeId), seen.Colleague);
            var offer = Assert.Single(seen.Offers);
            Assert.Equal((1, onCall.Primary.Member, "regions/amsterdam", "On-call primary of the region.", OfferOutcome.Pending),
                (offer.Number, offer.Member, offer.Region, offer.Reason, offer.Outcome));
            Assert.Equal(Now, ToInstant(offer.OfferTime));
            Assert.Equal(Now + Duration.FromMinutes(10), ToInstant(offer.Deadline));
            Assert.Null(offer.AnswerTime);
            Assert.Equal(onCall.Primary.Member, Assert.Single(seen.Choices).Chosen);

            var offered = await App.PublishedAsync<DispatchOffered>(e => e.Dispatch == dispatch.Name, "for the first offer");
            Assert.Equal((1, onCall.Primary.Member, "regions/amsterdam", "IMMEDIATE"), (offered.OfferNumber, offered.Member, offered.Region, offered.Urgency));
            Assert.Equal((Now.ToDateTimeOffset(), (Now + Duration.FromMinutes(10)).ToDateTimeOffset()), (offered.OfferedAt, offered.Deadline));

            var notification = await App.PublishedAsync<DispatchNotificationRequested>(e => e.Subject == dispatch.Name, "for the first offer");
            Assert.Equal(("OFFER", onCall.Primary.Member, "regions/amsterdam", "IMMEDIATE"),
                (notification.Kind, notification.Member, notification.Region, notification.Urgency));
            Assert.Equal((Now + Duration.FromMinutes(10)).ToDateTimeOffset(), notification.Deadline);
            Assert.Equal([new NotificationAddress("PUSH", $"app:{onCall.Primary.Member["members/".Length..]}")], notification.Channels);

            // The broker is shared: who the colleague is stays out of the events.
            var colleague = seen.Colleague;
            foreach (var json in new[] { JsonSerializer.Serialize(offered), JsonSerializer.Serialize(notification) })
            {
                Assert.DoesNotContain(colleague.EmployeeId, json, StringComparison.Ordinal);
                Assert.DoesNotContain("06-12345678", json, StringComparison.Ordinal);
                Assert.DoesNotContain(colleague.Team, json, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Repeating_a_request_returns_its_dispatches_and_offers_nothing_again_while_another_source_gets_its_own()
    {
        var controlRoom = App.ControlRoom("rotterdam");
        var request = SupportRequest("rotterdam", Now, Urgency.Within24Hours, MemberId("collega"), MemberId("collega"));

        var made = Names(await controlRoom.RequestSupportAsync(request));
        var repeated = Names(await controlRoom.RequestSupportAsync(request));
        // One colleague more: the two are found again, only the third is new.
        request.Colleagues.Add(new Colleague { EmployeeId = MemberId("collega") });
        var extended = Names(await controlRoom.RequestSupportAsync(request));
        // The colleague's manager reports the same incident: a source of its own, so dispatches of its own.
        var byManager = Names(await App.As("leidinggevende-rdam", null, Roles.Manager).Dispatch.RequestSupportAsync(request));

        Assert.Equal(made, repeated);
        Assert.Equal(made, extended.Take(2));
        Assert.DoesNotContain(extended[2], made);
        Assert.Equal(3, byManager.Count);
        Assert.Empty(byManager.Intersect(extended));

        await App.SettledAsync();
        var all = extended.Concat(byManager).ToHashSet();
        var offered = App.PublishedSoFar<DispatchOffered>(e => all.Contains(e.Dispatch));
        Assert.Equal(all.Order(), offered.Select(e => e.Dispatch).Order());
        Assert.Equal(6, App.PublishedSoFar<DispatchNotificationRequested>(e => all.Contains(e.Subject)).Count);
    }

    [Fact]
    public async Task A_request_names_every_bad_field_at_once()
    {
        var controlRoom = App.ControlRoom("noord-nederland");
        var everything = new RequestSupportRequest
        {
            Region = "regions/utrecht",
            IncidentReference = "   ",
            OccurredAt = Ts(Now + Duration.FromHours(1)),
            Requester = new string('x', 201),
            Colleagues =
            {
                new Colleague { EmployeeId = "Jan Jansen" },
                new Colleague { EmployeeId = "collega-1", Team = new string('t', 101), Contact = new string('c', 201) },
                new Colleague { EmployeeId = "collega-1" },
            },
            InvolvedMembers = { "demo-noord-nederland-2" },
        };
        var tooMany = SupportRequest("noord-nederland", Now, Urgency.Routine, [.. Enumerable.Range(1, 51).Select(i => $"collega-{i}")]);
        var inAFewMinutes = SupportRequest("noord-nederland", Now, Urgency.Routine, MemberId("collega"));
        inAFewMinutes.OccurredAt = Ts(Now + Duration.FromMinutes(6));

        Assert.Equal(
            ["region", "incident_reference", "occurred_at", "urgency", "requester", "colleagues[0].employee_id", "colleagues[1].team",
                "colleagues[1].contact", "colleagues[2].employee_id", "involved_members[0]"],
            await Rpc.InvalidFieldsAsync(() => controlRoom.RequestSupportAsync(everything)));
        Assert.Equal(["region", "incident_reference", "occurred_at", "urgency", "colleagues"],
            await Rpc.InvalidFieldsAsync(() => controlRoom.RequestSupportAsync(new RequestSupportRequest())));
        Assert.Equal(["colleagues"], await Rpc.InvalidFieldsAsync(() => controlRoom.RequestSupportAsync(tooMany)));
        Assert.Equal(["occurred_at"], await Rpc.InvalidFieldsAsync(() => controlRoom.RequestSupportAsync(inAFewMinutes)));

        // Nothing of it was stored: the region's coordinator finds no dispatches.
        var listed = await App.Coordinator("noord-nederland").Dispatch.ListDispatchesAsync(new ListDispatchesRequest { Parent = "regions/noord-nederland" });
        Assert.Empty(listed.Dispatches);
    }

    [Fact]
    public async Task An_employee_asks_support_for_themself_only_while_managers_and_coordinators_ask_for_others()
    {
        const string region = "den-haag";
        var employee = App.As("werknemer-4711", null, Roles.Employee).Dispatch;

        var own = Assert.Single((await employee.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, "werknemer-4711"))).Dispatches);
        // They may follow it up as its requester: where it stands, not whom it was offered to.
        var followed = (await employee.GetDispatchAsync(new GetDispatchRequest { Name = own.Name })).Dispatch;

        Assert.Equal(DispatchState.Offered, followed.State);
        Assert.Equal("werknemer-4711", followed.Colleague.EmployeeId);
        Assert.Empty(followed.Offers);
        Assert.Empty(followed.Choices);
        Assert.Equal("", followed.AlertedCoordinator);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.As("werknemer-4712", null, Roles.Employee).Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = own.Name }));

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            employee.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, MemberId("collega"))));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            employee.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, "werknemer-4711", MemberId("collega"))));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.Member(DemoRota.Id(region, 4), region).Dispatch.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, MemberId("collega"))));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            App.As("trainer-1", null, Roles.Trainer).Dispatch.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, "trainer-1")));

        var byManager = await App.As("leidinggevende-dh", null, Roles.Manager).Dispatch.RequestSupportAsync(
            SupportRequest(region, Now, Urgency.Routine, MemberId("collega"), MemberId("collega")));
        var byCoordinator = await App.Coordinator(region).Dispatch.RequestSupportAsync(SupportRequest(region, Now, Urgency.Routine, MemberId("collega")));

        Assert.Equal(2, byManager.Dispatches.Count);
        Assert.All(byManager.Dispatches, d => Assert.Empty(d.Offers));
        // The region's coordinator sees what a coordinator sees, also in the answer to their own request.
        var coordinated = Assert.Single(byCoordinator.Dispatches);
        Assert.Single(coordinated.Offers);
        Assert.Single(coordinated.Choices);
    }

    [Fact]
    public async Task A_dispatch_is_read_by_name()
    {
        var controlRoom = App.ControlRoom("limburg");

        await Rpc.FailsAsync(StatusCode.NotFound, () => controlRoom.GetDispatchAsync(new GetDispatchRequest { Name = $"dispatches/{Guid.NewGuid():N}" }));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => controlRoom.GetDispatchAsync(new GetDispatchRequest { Name = "dispatches/42" })));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => controlRoom.GetDispatchAsync(new GetDispatchRequest())));
    }

    private static List<string> Names(RequestSupportResponse response) => [.. response.Dispatches.Select(d => d.Name)];
}
