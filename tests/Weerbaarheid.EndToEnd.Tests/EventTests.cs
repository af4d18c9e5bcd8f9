using Google.Protobuf.WellKnownTypes;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>Changes made through the gateway reach other services through RabbitMQ.</summary>
[Collection(SuiteCollection.Name)]
public sealed class EventTests(Suite suite)
{
    [Fact]
    public async Task Offering_change_publishes_OfferingChanged_to_the_broker()
    {
        await using var listener = await EventListener.StartAsync(suite.Broker.AmqpUrl, suite.ScratchDirectory);
        var slug = Samples.NewSlug("event");
        var name = $"offerings/{slug}";

        var created = (await suite.Offerings.CreateOfferingAsync(
            new CreateOfferingRequest { OfferingId = slug, Offering = Samples.NewOffering("Nieuw aanbod") },
            Samples.ProgrammeAdmin, Samples.Deadline)).Offering;
        var creation = await ArrivalAsync(listener, name, OfferingChangeKind.Created);
        Assert.Equal(name, creation.Name);
        Assert.Equal("Nieuw aanbod", creation.Offering.TitleNl);
        Assert.Equal("CATEGORY_SELF_HELP", creation.Offering.Category);
        Assert.Equal(["TOPIC_STRESS"], creation.Offering.Topics);
        Assert.Equal("STATE_ACTIVE", creation.Offering.State);

        var update = new UpdateOfferingRequest
        {
            Offering = new Offering { Name = name, Etag = created.Etag, Title = new LocalizedText { Nl = "Vernieuwd aanbod", En = "Renewed offering" } },
            UpdateMask = new FieldMask { Paths = { "title" } },
        };
        await suite.Offerings.UpdateOfferingAsync(update, Samples.ProgrammeAdmin, Samples.Deadline);
        var change = await ArrivalAsync(listener, name, OfferingChangeKind.Updated);
        Assert.Equal(name, change.Name);
        Assert.Equal("Vernieuwd aanbod", change.Offering.TitleNl);
        Assert.Equal("Renewed offering", change.Offering.TitleEn);
        Assert.True(change.Version > creation.Version, "Each change carries a higher version.");
    }

    private async Task<OfferingChanged> ArrivalAsync(EventListener listener, string name, OfferingChangeKind kind)
    {
        await Eventually.HoldsAsync(
            () => listener.Deliveries.Recorded(name).Any(d => d.Message.Change == kind),
            $"OfferingChanged ({kind}) for {name} arrives on the listener's queue", details: () => suite.ServiceOutput);
        return listener.Deliveries.Recorded(name).First(d => d.Message.Change == kind).Message;
    }
}
