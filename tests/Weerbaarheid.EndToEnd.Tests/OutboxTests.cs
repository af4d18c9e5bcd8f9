using Google.Protobuf.WellKnownTypes;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// The outbox and inbox across a real broker outage: a change committed while RabbitMQ is down is kept,
/// published once it is back, and changes a consumer's state exactly once.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class OutboxTests(Suite suite)
{
    /// <summary>Reconnecting (the services' bus, the dispatcher's back-off, the listener's bus) takes a while; bounded, never timed.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Event_committed_while_broker_is_down_is_delivered_exactly_once_after_it_returns()
    {
        var slug = Samples.NewSlug("outage");
        var name = $"offerings/{slug}";
        var created = (await suite.Offerings.CreateOfferingAsync(
            new CreateOfferingRequest { OfferingId = slug, Offering = Samples.NewOffering("Voor de storing") },
            Samples.ProgrammeAdmin, Samples.Deadline)).Offering;
        // The creation's event is published before the listener's queues exist, so they only ever see the change below.
        await Eventually.HoldsAsync(async () => await OutboxAsync(name) is null,
            $"the creation of {name} has left the outbox", details: () => suite.ServiceOutput);
        await using var listener = await EventListener.StartAsync(suite.Broker.AmqpUrl, suite.ScratchDirectory);

        await suite.Broker.StopAsync();
        OutboxTable.Row held;
        try
        {
            // The service keeps serving through the gateway: the change commits, its event waits in the outbox.
            var updated = (await suite.Offerings.UpdateOfferingAsync(new UpdateOfferingRequest
            {
                Offering = new Offering { Name = name, Etag = created.Etag, Title = new LocalizedText { Nl = "Tijdens de storing", En = "During the outage" } },
                UpdateMask = new FieldMask { Paths = { "title" } },
            }, Samples.ProgrammeAdmin, Samples.Deadline)).Offering;
            Assert.Equal("Tijdens de storing", updated.Title.Nl);
            var read = await suite.Offerings.GetOfferingAsync(new GetOfferingRequest { Name = name }, deadline: Samples.Deadline);
            Assert.Equal("Tijdens de storing", read.Offering.Title.Nl);

            // The dispatcher has tried and failed (no sleeping: its attempt counter says so), and nothing arrived.
            await Eventually.HoldsAsync(async () => await OutboxAsync(name) is { Attempts: > 0 },
                $"the outbox dispatcher has tried to publish the change of {name} while the broker is down",
                Recovery, () => suite.ServiceOutput);
            held = (await OutboxAsync(name))!;
            Assert.Empty(listener.Deliveries.Recorded(name));
            Assert.Equal(0, await listener.TallyAsync(name));
        }
        finally
        {
            await suite.Broker.StartAsync();
        }

        await Eventually.HoldsAsync(
            () => listener.Deliveries.Tallied(name).Count > 0 && listener.Deliveries.Recorded(name).Count > 0,
            $"the change of {name} reaches both of the listener's queues after the broker is back",
            Recovery, () => suite.ServiceOutput);
        await Eventually.HoldsAsync(async () => await OutboxAsync(name) is null,
            $"the broker's confirmation has removed the change of {name} from the outbox", Recovery, () => suite.ServiceOutput);

        // Delivery is at least once; every copy carries the outbox's message id, so the inbox can tell.
        var deliveries = listener.Deliveries.Recorded(name).Concat(listener.Deliveries.Tallied(name)).ToList();
        Assert.All(deliveries, d =>
        {
            Assert.Equal(held.MessageId, d.MessageId);
            Assert.Equal(OfferingChangeKind.Updated, d.Message.Change);
            Assert.Equal("Tijdens de storing", d.Message.Offering.TitleNl);
        });
        Assert.Equal(1, await listener.TallyAsync(name));

        // A redelivery under the same message id is recognised by the inbox: the consumer sees it, the state stays.
        var handled = listener.Deliveries.Tallied(name).Count;
        await listener.PublishAgainAsync(deliveries[0].Message, held.MessageId);
        await Eventually.HoldsAsync(() => listener.Deliveries.Tallied(name).Count > handled,
            $"the idempotent consumer has been handed the duplicate of {name}", Recovery);
        Assert.Equal(1, await listener.TallyAsync(name));
    }

    private Task<OutboxTable.Row?> OutboxAsync(string name) => OutboxTable.FindAsync(suite.OfferingsDatabase, name);
}
