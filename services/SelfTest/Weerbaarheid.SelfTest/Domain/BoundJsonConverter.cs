using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>Reads a <see cref="Bound"/> written as a number (<c>33</c>) or a parameter name (<c>"cutoff"</c>).</summary>
public sealed class BoundJsonConverter : JsonConverter<Bound>
{
    public override Bound Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => Bound.Of(reader.GetInt32()),
            JsonTokenType.String => Bound.OfParameter(reader.GetString()!),
            _ => throw new JsonException("A bound is a number or the name of a parameter."),
        };

    public override void Write(Utf8JsonWriter writer, Bound value, JsonSerializerOptions options)
    {
        if (value.Parameter is null)
        {
            writer.WriteNumberValue(value.Value!.Value);
        }
        else
        {
            writer.WriteStringValue(value.Parameter);
        }
    }
}
