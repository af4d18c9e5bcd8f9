using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>
/// The instruments on offer, every version, read from the JSON definitions shipped with the service
/// and checked once at start-up: a definition that could score wrongly stops the service instead of
/// misleading someone. Parameters (PCL-5's cut-off) may be set from configuration within the range
/// the authors publish.
/// </summary>
public sealed partial class InstrumentCatalogue
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        // A definition that leaves out a list is reported with its file name, not as a crash in the checks.
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, IReadOnlyList<Instrument>> _versions;

    public InstrumentCatalogue(IEnumerable<Instrument> instruments)
    {
        var all = instruments.ToArray();
        var problems = all.SelectMany(InstrumentDefinitionCheck.Problems).ToList();
        problems.AddRange(all.GroupBy(i => (i.Id, i.Version)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Id} version {g.Key.Version} is defined more than once."));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid instrument definitions:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        }

        _versions = all.GroupBy(i => i.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Instrument>)g.OrderBy(i => i.Version).ToArray());
    }

    /// <summary>The definitions shipped in this assembly (Instruments/*.json), with configured parameter values.</summary>
    public static InstrumentCatalogue Shipped(IReadOnlyDictionary<string, Dictionary<string, int>>? parameterValues = null)
    {
        var assembly = typeof(InstrumentCatalogue).Assembly;
        var instruments = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(".Instruments.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))
            .ToArray();
        return new InstrumentCatalogue(WithParameters(instruments, parameterValues ?? new Dictionary<string, Dictionary<string, int>>()));
    }

    public static Instrument Parse(string json) =>
        JsonSerializer.Deserialize<Instrument>(json, Json) ?? throw new JsonException("An instrument definition is empty.");

    /// <summary>The newest version of each instrument, by id.</summary>
    public IReadOnlyList<Instrument> Current => _versions.Values.Select(v => v[^1]).OrderBy(i => i.Id, StringComparer.Ordinal).ToArray();

    public bool Exists(string id) => _versions.ContainsKey(id);

    /// <summary>An instrument at a version; version 0 means the newest.</summary>
    public Instrument? Find(string id, int version = 0) =>
        _versions.TryGetValue(id, out var versions)
            ? version == 0 ? versions[^1] : versions.FirstOrDefault(v => v.Version == version)
            : null;

    public IReadOnlyList<int> VersionsOf(string id) =>
        _versions.TryGetValue(id, out var versions) ? versions.Select(v => v.Version).ToArray() : [];

    /// <summary>The instrument a request names (<c>instruments/{id}</c>) at a version; every problem reported.</summary>
    public Instrument Named(string? name, int version, string nameField, string versionField)
    {
        var id = IdOf(name);
        var validation = new Validation();
        validation.Require(id is not null && Exists(id), nameField,
            $"Unknown instrument; use one of {string.Join(", ", Current.Select(i => i.Name))}.");
        validation.Require(version >= 0, versionField, "A version is 1 or higher, or 0 for the current one.");
        if (id is not null && Exists(id) && version > 0)
        {
            validation.Require(Find(id, version) is not null, versionField,
                $"{id} has versions {string.Join(", ", VersionsOf(id))}; 0 takes the current one.");
        }

        validation.ThrowIfInvalid();
        return Find(id!, version)!;
    }

    /// <summary>The id in a resource name <c>instruments/{id}</c>; null when it is not one.</summary>
    public static string? IdOf(string? name) =>
        name is not null && name.StartsWith("instruments/", StringComparison.Ordinal) ? name["instruments/".Length..] : null;

    private static Instrument Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        try
        {
            return JsonSerializer.Deserialize<Instrument>(stream, Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Instrument definition {resource} cannot be read: {e.Message}", e);
        }
    }

    private static IEnumerable<Instrument> WithParameters(
        IReadOnlyList<Instrument> instruments, IReadOnlyDictionary<string, Dictionary<string, int>> values)
    {
        var problems = new List<string>();
        foreach (var (id, parameters) in values)
        {
            var versions = instruments.Where(i => i.Id == id).ToArray();
            if (versions.Length == 0)
            {
                problems.Add($"SelfTest:Instruments:{id}: there is no instrument '{id}'.");
                continue;
            }

            foreach (var (parameter, value) in parameters)
            {
                foreach (var defined in versions.Select(v => v.Parameters.FirstOrDefault(p => p.Id == parameter)))
                {
                    if (defined is null)
                    {
                        problems.Add($"SelfTest:Instruments:{id}:{parameter}: {id} has no parameter '{parameter}'.");
                    }
                    else if (value < defined.Minimum || value > defined.Maximum)
                    {
                        problems.Add($"SelfTest:Instruments:{id}:{parameter} = {value}: the authors publish {defined.Minimum} to {defined.Maximum}.");
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems.Distinct()));
        }

        return instruments.Select(i => values.TryGetValue(i.Id, out var set)
            ? i with { Parameters = i.Parameters.Select(p => set.TryGetValue(p.Id, out var v) ? p with { Value = v } : p).ToArray() }
            : i);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();
}
