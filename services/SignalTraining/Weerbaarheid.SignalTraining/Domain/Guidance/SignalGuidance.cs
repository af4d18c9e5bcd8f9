using System.Reflection;
using System.Text.Json;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SignalTraining.Domain.Guidance;

/// <summary>
/// What a manager can do about the signals they see in a team member, read from the guidance shipped with the
/// service (Guidance/signal-guidance.json) and checked once at start-up: guidance that could send a manager the
/// wrong way stops the service instead. For a set of signals it gives the urgency, the steps in order, and the
/// topics and severity to ask Offerings about. It never learns who shows the signals.
/// </summary>
public sealed class SignalGuidance
{
    /// <summary>The shipped definition, as its file is named in the project.</summary>
    public const string ShippedFile = "Guidance/signal-guidance.json";

    /// <summary>Every bad entry of a request is listed up to this many; the rest are counted, so an absurd request gets a short answer.</summary>
    internal const int MaxListedViolations = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A definition that leaves out a field, or writes null where text is needed, is reported, not half-read.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly IReadOnlyDictionary<Signal, SignalDefinition> _signals;
    private readonly IReadOnlyDictionary<Urgency, UrgencyLevel> _urgencies;
    private readonly IReadOnlyList<GuidanceStep> _steps;
    private readonly IReadOnlyList<string> _alwaysSteps;
    private readonly IReadOnlyList<CombinationRule> _rules;

    /// <summary>
    /// Checks <paramref name="definition"/> against the signals of the contract and <paramref name="offeringTopics"/>
    /// (the contract names of Offerings' topics); every problem is reported at once, naming <paramref name="source"/>.
    /// </summary>
    public SignalGuidance(GuidanceDefinition definition, IReadOnlySet<string> offeringTopics, string source = "signal guidance")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(offeringTopics);
        var problems = GuidanceDefinitionCheck.Problems(definition, offeringTopics);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Invalid {source}:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        }

        _signals = definition.Signals.ToDictionary(s => s.Signal);
        _urgencies = definition.Urgencies.ToDictionary(u => u.Urgency);
        _steps = definition.Steps;
        _alwaysSteps = definition.AlwaysSteps;
        _rules = definition.Combinations;
        Signals = SignalNames.All.Select(s => _signals[s]).ToArray();
    }

    /// <summary>Every signal a manager can tick, in the contract's order.</summary>
    public IReadOnlyList<SignalDefinition> Signals { get; }

    /// <summary>The guidance shipped in this assembly, checked against <paramref name="offeringTopics"/>.</summary>
    public static SignalGuidance Shipped(IReadOnlySet<string> offeringTopics) =>
        new(Parse(ShippedJson(), $"signal guidance {ShippedFile}"), offeringTopics, $"signal guidance {ShippedFile}");

    /// <summary>The text of the shipped definition, as embedded in this assembly.</summary>
    internal static string ShippedJson()
    {
        var assembly = typeof(SignalGuidance).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith(".Guidance.signal-guidance.json", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The signal guidance {ShippedFile} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a definition; a file that cannot be read is reported with <paramref name="source"/> and where it breaks.</summary>
    public static GuidanceDefinition Parse(string json, string source = "signal guidance")
    {
        try
        {
            return JsonSerializer.Deserialize<GuidanceDefinition>(json, Json) ?? throw new JsonException("The definition is empty.");
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path}";
            throw new InvalidOperationException($"The {source} cannot be read{where}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The guidance for <paramref name="observed"/>: at least one signal, each once, none unspecified or unknown.
    /// Every bad entry is reported by its path (<c>signals[2]</c>); descriptions never repeat a value, because
    /// error messages end up in logs.
    /// </summary>
    public Advice For(IReadOnlyList<Signal> observed, string field = "signals")
    {
        var violations = Violations(observed, field);
        if (violations.Count > 0)
        {
            throw new ValidationFailedException(violations);
        }

        var signals = observed.ToHashSet();
        var entries = Signals.Where(s => signals.Contains(s.Signal)).ToArray();
        var rules = _rules.Where(r => r.AppliesTo(signals)).ToArray();

        var urgency = entries.Select(s => s.Urgency).Concat(rules.Select(r => r.Urgency).OfType<Urgency>()).Max();
        var level = _urgencies[urgency];

        var stepIds = _alwaysSteps.Concat(entries.SelectMany(s => s.Steps)).Concat(rules.SelectMany(r => r.Steps)).ToHashSet(StringComparer.Ordinal);
        var steps = _steps.Where(s => stepIds.Contains(s.Id)).ToArray();
        var topics = entries.SelectMany(s => s.Topics).Concat(rules.SelectMany(r => r.Topics)).Distinct(StringComparer.Ordinal).ToArray();

        var notes = rules.Select(r => r.Note).OfType<LocalizedText>().ToArray();
        var summary = new LocalizedText(
            string.Join(" ", notes.Select(n => n.Nl).Prepend(level.Summary.Nl)),
            string.Join(" ", notes.Select(n => n.En).Prepend(level.Summary.En)));

        return new Advice(urgency, level.Severity, summary, steps, topics, rules.Select(r => r.Id).ToArray());
    }

    private static List<FieldViolation> Violations(IReadOnlyList<Signal> observed, string field)
    {
        var violations = new List<FieldViolation>();
        if (observed.Count == 0)
        {
            violations.Add(new(field, "Tick at least one signal."));
            return violations;
        }

        var firstSeen = new Dictionary<Signal, int>();
        for (var i = 0; i < observed.Count; i++)
        {
            var signal = observed[i];
            if (!SignalNames.IsSignal(signal))
            {
                violations.Add(new($"{field}[{i}]", "Not a signal; use one of the signals ListSignals returns."));
            }
            else if (!firstSeen.TryAdd(signal, i))
            {
                violations.Add(new($"{field}[{i}]", $"The same signal as {field}[{firstSeen[signal]}]; tick each signal once."));
            }
        }

        if (violations.Count > MaxListedViolations)
        {
            var unlisted = violations.Count - MaxListedViolations;
            violations.RemoveRange(MaxListedViolations, unlisted);
            violations.Add(new(field, $"{unlisted} more entries are invalid; only the first {MaxListedViolations} are listed."));
        }

        return violations;
    }
}
