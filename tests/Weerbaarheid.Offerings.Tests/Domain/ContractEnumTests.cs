using System.Reflection;
using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Weerbaarheid.Offerings.V1;
using Model = Weerbaarheid.Offerings.Domain;

namespace Weerbaarheid.Offerings.Tests.Domain;

/// <summary>
/// The gRPC layer converts enums with a cast, so the domain's vocabulary must mirror the contract's exactly:
/// same numbers, same names. Adding a value to one side only fails here.
/// </summary>
public sealed partial class ContractEnumTests
{
    public static TheoryData<Type, string, Type> Pairs => new()
    {
        { typeof(Model.Category), "Category", typeof(Category) },
        { typeof(Model.Audience), "Audience", typeof(Audience) },
        { typeof(Model.Topic), "Topic", typeof(Topic) },
        { typeof(Model.AccessMethod), "AccessMethod", typeof(AccessMethod) },
        { typeof(Model.ContactChannelKind), "ContactChannelKind", typeof(ContactChannelKind) },
        { typeof(Model.OfferingState), "State", typeof(State) },
        { typeof(Model.Severity), "Severity", typeof(Severity) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Domain_enum_has_the_numbers_and_names_of_the_proto_enum(Type domainEnum, string protoEnum, Type generatedEnum)
    {
        var descriptor = OfferingsReflection.Descriptor.FindTypeByName<EnumDescriptor>(protoEnum);
        Assert.NotNull(descriptor);
        // Proto names carry the enum's name as prefix: Topic.HeavyIncident ↔ TOPIC_HEAVY_INCIDENT.
        var prefix = ScreamingSnake(protoEnum) + "_";

        var proto = descriptor.Values.Select(v => (v.Number, v.Name)).OrderBy(v => v.Number).ToList();
        var domain = Enum.GetValues(domainEnum).Cast<Enum>()
            .Select(value => (Number: Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), Name: prefix + ScreamingSnake(value.ToString())))
            .OrderBy(v => v.Number)
            .ToList();

        Assert.Equal(proto, domain);
        Assert.Equal(descriptor.ClrType, generatedEnum);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Generated_csharp_enum_has_the_names_and_numbers_of_the_domain_enum(Type domainEnum, string protoEnum, Type generatedEnum)
    {
        var generated = generatedEnum.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (
                Number: Convert.ToInt32(field.GetValue(null), System.Globalization.CultureInfo.InvariantCulture),
                Name: field.Name,
                Original: field.GetCustomAttribute<OriginalNameAttribute>()!.Name))
            .OrderBy(v => v.Number)
            .ToList();
        var domain = Enum.GetValues(domainEnum).Cast<Enum>()
            .Select(value => (Number: Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), Name: value.ToString()))
            .OrderBy(v => v.Number)
            .ToList();

        Assert.Equal(domain, generated.Select(v => (v.Number, v.Name)));
        Assert.All(generated, v => Assert.StartsWith(ScreamingSnake(protoEnum) + "_", v.Original, StringComparison.Ordinal));
    }

    [Fact]
    public void Heavy_incident_is_the_same_value_on_both_sides()
    {
        var descriptor = OfferingsReflection.Descriptor.FindTypeByName<EnumDescriptor>("Topic");
        Assert.Equal((int)Model.Topic.HeavyIncident, descriptor.FindValueByName("TOPIC_HEAVY_INCIDENT").Number);
        Assert.Equal("TOPIC_HEAVY_INCIDENT", typeof(Topic).GetField(nameof(Topic.HeavyIncident))!.GetCustomAttribute<OriginalNameAttribute>()!.Name);
    }

    [Fact]
    public void Every_enum_of_the_contract_is_mirrored()
    {
        var mirrored = Pairs.Select(row => (string)row[1]).Order(StringComparer.Ordinal);
        var contract = OfferingsReflection.Descriptor.EnumTypes.Select(e => e.Name).Order(StringComparer.Ordinal);

        Assert.Equal(contract, mirrored);
    }

    private static string ScreamingSnake(string pascal) => WordBoundary().Replace(pascal, "_$1").ToUpperInvariant();

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
