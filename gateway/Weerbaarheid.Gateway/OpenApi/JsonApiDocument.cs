using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Weerbaarheid.Gateway.OpenApi;

/// <summary>
/// The OpenAPI 3.0 document of the JSON API, built from the contracts themselves: every RPC with a
/// <c>google.api.http</c> rule becomes an operation (path parameters from the template, the body as the rule
/// says, the other fields of a GET or DELETE as query parameters), and every message and enum a schema in
/// proto3 JSON form. Built once from the descriptors compiled into the gateway, so it cannot drift from them;
/// a new proto file is picked up by the build's glob.
/// </summary>
public static partial class JsonApiDocument
{
    /// <summary>Every Weerbaarheid contract file compiled into this assembly.</summary>
    public static IReadOnlyList<FileDescriptor> Contracts { get; } = typeof(JsonApiDocument).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true } && t.Namespace?.StartsWith("Weerbaarheid.", StringComparison.Ordinal) == true
                    && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as FileDescriptor)
        .OfType<FileDescriptor>()
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToArray();

    public static JsonObject Build(IReadOnlyList<FileDescriptor> files)
    {
        var paths = new JsonObject();
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var service in files.SelectMany(f => f.Services))
        {
            foreach (var method in service.Methods)
            {
                var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                if (rule is null || rule.PatternCase == HttpRule.PatternOneofCase.None)
                {
                    continue;
                }

                var (verb, template) = VerbAndTemplate(rule);
                var (path, pathParameters, boundFields) = OpenApiPath(template);
                var operation = Operation(service, method, rule, pathParameters, boundFields, schemas);
                var item = paths[path] as JsonObject ?? new JsonObject();
                if (item.ContainsKey(verb))
                {
                    throw new InvalidOperationException($"{verb.ToUpperInvariant()} {path} is bound by two RPCs; {method.FullName} is one.");
                }

                item[verb] = operation;
                paths[path] = item;
            }
        }

        var components = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            components[name] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "Weerbaarheid JSON API",
                ["version"] = "v1",
                ["description"] = "The JSON form of the gRPC contracts in protos/ (google.api.http transcoding). Errors are google.rpc.Status " +
                                  "objects with the same details as over gRPC (BadRequest lists every invalid field). Anonymous by design: " +
                                  "reading offerings, the self-test and the iCal feed; everything else needs a bearer token, and the " +
                                  "services check roles.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = components,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" },
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };
    }

    private static JsonObject Operation(
        ServiceDescriptor service, MethodDescriptor method, HttpRule rule, IReadOnlyList<string> pathParameters,
        IReadOnlyList<string> boundFields, SortedDictionary<string, JsonNode> schemas)
    {
        var parameters = new JsonArray();
        foreach (var field in pathParameters)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = field,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        var operation = new JsonObject
        {
            ["operationId"] = $"{service.Name}_{method.Name}",
            ["tags"] = new JsonArray(service.FullName),
            ["summary"] = $"{service.Name}.{method.Name}",
        };
        if (rule.Body == "*")
        {
            operation["requestBody"] = Body(Reference(method.InputType, schemas));
        }
        else if (rule.Body.Length > 0)
        {
            var bodyField = method.InputType.FindFieldByName(rule.Body);
            operation["requestBody"] = Body(FieldSchema(bodyField, schemas));
            AddQueryParameters(method.InputType, boundFields.Append(rule.Body), parameters, schemas);
        }
        else
        {
            AddQueryParameters(method.InputType, boundFields, parameters, schemas);
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        var response = rule.ResponseBody.Length > 0
            ? FieldSchema(method.OutputType.FindFieldByName(rule.ResponseBody), schemas)
            : Reference(method.OutputType, schemas);
        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = response } },
            },
            ["default"] = new JsonObject { ["description"] = "A google.rpc.Status: code, message and details." },
        };
        return operation;
    }

    private static JsonObject Body(JsonNode schema) => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } },
    };

    /// <summary>Top-level scalar and enum fields not bound elsewhere are query parameters (nested messages are not offered).</summary>
    private static void AddQueryParameters(
        MessageDescriptor input, IEnumerable<string> bound, JsonArray parameters, SortedDictionary<string, JsonNode> schemas)
    {
        var taken = bound.Select(b => b.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var field in input.Fields.InDeclarationOrder().Where(f => !taken.Contains(f.Name)))
        {
            if (field.FieldType == FieldType.Message && field.MessageType.FullName != "google.protobuf.FieldMask")
            {
                continue;
            }

            parameters.Add(new JsonObject
            {
                ["name"] = field.JsonName,
                ["in"] = "query",
                ["schema"] = FieldSchema(field, schemas),
            });
        }
    }

    private static (string Verb, string Template) VerbAndTemplate(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
        _ => throw new InvalidOperationException($"HTTP rule without a pattern: {rule}"),
    };

    /// <summary>
    /// <c>/api/v1/{name=courses/*/cohorts/*}</c> → <c>/api/v1/courses/{course}/cohorts/{cohort}</c>: a variable's
    /// pattern is written out, each wildcard a parameter named after its collection, so resources of different
    /// collections get paths of their own. Returns the path, its parameters, and the request fields bound by it.
    /// </summary>
    private static (string Path, IReadOnlyList<string> Parameters, IReadOnlyList<string> BoundFields) OpenApiPath(string template)
    {
        var parameters = new List<string>();
        var fields = new List<string>();
        var path = Variable().Replace(template, match =>
        {
            var field = match.Groups[1].Value;
            fields.Add(field);
            if (!match.Groups[2].Success)
            {
                parameters.Add(field);
                return "{" + field + "}";
            }

            var segments = match.Groups[2].Value.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (segments[i] is "*" or "**")
                {
                    var name = segments[i] == "**" ? "path" : i > 0 ? Singular(segments[i - 1]) : field;
                    parameters.Add(name);
                    segments[i] = "{" + name + "}";
                }
            }

            return string.Join('/', segments);
        });
        return (path, parameters, fields);
    }

    private static string Singular(string collection) => collection switch
    {
        _ when collection.EndsWith("ches", StringComparison.Ordinal) || collection.EndsWith("sses", StringComparison.Ordinal) => collection[..^2],
        _ when collection.EndsWith("ies", StringComparison.Ordinal) => collection[..^3] + "y",
        _ when collection.EndsWith('s') => collection[..^1],
        _ => collection,
    };

    private static JsonNode FieldSchema(FieldDescriptor field, SortedDictionary<string, JsonNode> schemas)
    {
        if (field.IsMap)
        {
            var value = field.MessageType.FindFieldByNumber(2);
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ValueSchema(value, schemas) };
        }

        var schema = ValueSchema(field, schemas);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = schema } : schema;
    }

    private static JsonNode ValueSchema(FieldDescriptor field, SortedDictionary<string, JsonNode> schemas) => field.FieldType switch
    {
        FieldType.String => new JsonObject { ["type"] = "string" },
        FieldType.Bool => new JsonObject { ["type"] = "boolean" },
        FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        FieldType.Double or FieldType.Float => new JsonObject { ["type"] = "number" },
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.UInt32 or FieldType.Fixed32 =>
            new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        // proto3 JSON writes 64-bit integers as strings.
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 or FieldType.UInt64 or FieldType.Fixed64 =>
            new JsonObject { ["type"] = "string", ["format"] = "int64" },
        FieldType.Enum => Reference(field.EnumType, schemas),
        FieldType.Message => Reference(field.MessageType, schemas),
        _ => new JsonObject(),
    };

    private static JsonNode Reference(MessageDescriptor message, SortedDictionary<string, JsonNode> schemas)
    {
        switch (message.FullName)
        {
            case "google.protobuf.Timestamp":
                return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
            case "google.protobuf.Duration":
                return new JsonObject { ["type"] = "string", ["example"] = "3.5s" };
            case "google.protobuf.FieldMask":
                return new JsonObject { ["type"] = "string", ["description"] = "Comma-separated field paths in camelCase." };
            case "google.protobuf.Empty":
                return new JsonObject { ["type"] = "object" };
        }

        if (!schemas.ContainsKey(message.FullName))
        {
            schemas[message.FullName] = new JsonObject(); // placeholder first: messages may refer to themselves
            var properties = new JsonObject();
            foreach (var field in message.Fields.InDeclarationOrder())
            {
                properties[field.JsonName] = FieldSchema(field, schemas);
            }

            schemas[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{message.FullName}" };
    }

    private static JsonNode Reference(EnumDescriptor enumeration, SortedDictionary<string, JsonNode> schemas)
    {
        if (!schemas.ContainsKey(enumeration.FullName))
        {
            schemas[enumeration.FullName] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(enumeration.Values.Select(v => (JsonNode)JsonValue.Create(v.Name)).ToArray()),
            };
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{enumeration.FullName}" };
    }

    [GeneratedRegex(@"\{([a-z_.]+)(?:=([^}]*))?\}")]
    private static partial Regex Variable();
}
