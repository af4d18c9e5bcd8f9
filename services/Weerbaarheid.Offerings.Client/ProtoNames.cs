using System.Globalization;
using Google.Protobuf.Reflection;
using Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client;

/// <summary>Enum values by their name in the public contract, e.g. "TOPIC_HEAVY_INCIDENT", as events carry them.</summary>
public static class ProtoNames
{
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.Descriptor.FindValueByNumber(Convert.ToInt32(value, CultureInfo.InvariantCulture))?.Name
            ?? value.ToString();

    /// <summary>The value named <paramref name="name"/> in the contract, or null when there is none.</summary>
    public static T? Parse<T>(string name) where T : struct, Enum =>
        Names<T>.Descriptor.FindValueByName(name) is { } value ? (T)Enum.ToObject(typeof(T), value.Number) : null;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly EnumDescriptor Descriptor = OfferingsReflection.Descriptor.EnumTypes.Single(e => e.ClrType == typeof(T));
    }
}
