using Google.Protobuf.WellKnownTypes;
using Domain = Weerbaarheid.Offerings.Domain;
using V1 = Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Grpc;

/// <summary>
/// Converts between the public contract and the domain. Enums share names and numbers (checked by a
/// test), so they convert with a cast; an out-of-range number from a client survives the cast and is
/// reported by the domain's validation.
/// </summary>
internal static class OfferingMapper
{
    public static V1.Offering ToProto(this Domain.Offering offering)
    {
        var content = offering.Content;
        var proto = new V1.Offering
        {
            Name = offering.Name,
            Title = content.Title.ToProto(),
            Summary = content.Summary.ToProto(),
            Description = content.Description.ToProto(),
            Category = (V1.Category)content.Category,
            Availability = new V1.Availability
            {
                AroundTheClock = content.Availability.AroundTheClock,
                Hours = content.Availability.Hours.ToProto(),
            },
            Access = new V1.Access
            {
                Method = (V1.AccessMethod)content.Access.Method,
                Url = content.Access.Url,
                Instructions = content.Access.Instructions.ToProto(),
            },
            Eligibility = content.Eligibility.ToProto(),
            Provider = content.Provider,
            State = (V1.State)offering.State,
            Etag = offering.Etag,
            CreateTime = offering.CreatedAt.ToTimestamp(),
            UpdateTime = offering.UpdatedAt.ToTimestamp(),
        };
        proto.Audiences.AddRange(content.Audiences.Select(a => (V1.Audience)a));
        proto.Topics.AddRange(content.Topics.Select(t => (V1.Topic)t));
        proto.ContactChannels.AddRange(content.ContactChannels.Select(ToProto));
        return proto;
    }

    public static Domain.OfferingContent ToContent(this V1.Offering? proto)
    {
        proto ??= new V1.Offering();
        return new Domain.OfferingContent(
            proto.Title.ToDomain(),
            proto.Summary.ToDomain(),
            proto.Description.ToDomain(),
            (Domain.Category)proto.Category,
            proto.Audiences.Select(a => (Domain.Audience)a).ToArray(),
            proto.Topics.Select(t => (Domain.Topic)t).ToArray(),
            new Domain.Availability(proto.Availability?.AroundTheClock ?? false, proto.Availability?.Hours.ToDomain() ?? Domain.LocalizedText.Empty),
            new Domain.Access(
                (Domain.AccessMethod)(proto.Access?.Method ?? V1.AccessMethod.Unspecified),
                proto.Access?.Url ?? "",
                proto.Access?.Instructions.ToDomain() ?? Domain.LocalizedText.Empty),
            proto.ContactChannels.Select(c => new Domain.ContactChannel(
                (Domain.ContactChannelKind)c.Kind, c.Value, c.Label.ToDomain(), c.AroundTheClock)).ToArray(),
            proto.Eligibility.ToDomain(),
            proto.Provider);
    }

    public static V1.ContactChannel ToProto(this Domain.ContactChannel channel) => new()
    {
        Kind = (V1.ContactChannelKind)channel.Kind,
        Value = channel.Value,
        Label = channel.Label.ToProto(),
        AroundTheClock = channel.AroundTheClock,
    };

    public static V1.LocalizedText ToProto(this Domain.LocalizedText text) => new() { Nl = text.Nl, En = text.En };

    public static Domain.LocalizedText ToDomain(this V1.LocalizedText? text) =>
        text is null ? Domain.LocalizedText.Empty : new Domain.LocalizedText(text.Nl, text.En);

    private static Timestamp ToTimestamp(this NodaTime.Instant instant) => Timestamp.FromDateTimeOffset(instant.ToDateTimeOffset());
}
