using Google.Protobuf.Reflection;
using Weerbaarheid.Contracts.Offerings;
using Weerbaarheid.Offerings.Domain;
using OfferingsReflection = Weerbaarheid.Offerings.V1.OfferingsReflection;

namespace Weerbaarheid.Offerings.Data;

/// <summary>Builds the integration events of the catalogue.</summary>
internal static class OfferingEvents
{
    public static OfferingChanged Changed(Offering offering, OfferingChangeKind change)
    {
        var content = offering.Content;
        return new OfferingChanged(
            offering.Name,
            change,
            offering.Version,
            offering.UpdatedAt.ToDateTimeOffset(),
            new OfferingSnapshot(
                content.Title.Nl, content.Title.En, content.Summary.Nl, content.Summary.En,
                ProtoName("Category", content.Category),
                content.Audiences.Select(a => ProtoName("Audience", a)).ToArray(),
                content.Topics.Select(t => ProtoName("Topic", t)).ToArray(),
                content.Availability.AroundTheClock,
                ProtoName("AccessMethod", content.Access.Method),
                content.Access.Url.Length > 0 ? content.Access.Url : null,
                ProtoName("State", offering.State)));
    }

    /// <summary>The enum value's name in the public contract, e.g. "TOPIC_HEAVY_INCIDENT".</summary>
    private static string ProtoName<T>(string protoEnum, T value) where T : struct, Enum =>
        OfferingsReflection.Descriptor.FindTypeByName<EnumDescriptor>(protoEnum)
            .FindValueByNumber(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)).Name;
}
