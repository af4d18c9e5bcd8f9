using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Weerbaarheid.SignalTraining.Domain.Guidance;

/// <summary>
/// Something a manager can notice in a team member; the same values, by number and name, as the contract's
/// <c>weerbaarheid.signal_training.v1.Signal</c>. In the guidance file a signal is written by its contract
/// name, e.g. <c>"SIGNAL_SLEEP_PROBLEMS"</c>.
/// </summary>
[JsonConverter(typeof(SignalJsonConverter))]
public enum Signal
{
    Unspecified = 0,
    Withdrawal = 1,
    Irritability = 2,
    Absence = 3,
    SleepProblems = 4,
    Alcohol = 5,
    Cynicism = 6,
    HeavyIncident = 7,
    TeamConflict = 8,
    Concentration = 9,
    Reliving = 10,
    PhysicalComplaints = 11,
    Overworking = 12,
    TalksAboutSuicide = 13,
}

/// <summary>How soon a manager should act, from keeping an eye on it to acting now.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency
{
    /// <summary>Keep an eye on it; bring it up in the next regular conversation.</summary>
    Attention = 1,

    /// <summary>Have the conversation this week.</summary>
    Soon = 2,

    /// <summary>Act today.</summary>
    Today = 3,

    /// <summary>Act now: the person may be in danger.</summary>
    Now = 4,
}

/// <summary>How serious the situation is, in the words the Offerings service ranks help by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    None = 1,
    Mild = 2,
    Moderate = 3,
    Severe = 4,
    Urgent = 5,
}

/// <summary>Signals by their name in the contract, e.g. <c>SIGNAL_TALKS_ABOUT_SUICIDE</c>.</summary>
public static class SignalNames
{
    private static readonly FrozenDictionary<Signal, string> Names =
        Enum.GetValues<Signal>().ToFrozenDictionary(s => s, s => "SIGNAL_" + JsonNamingPolicy.SnakeCaseUpper.ConvertName(s.ToString()));

    private static readonly FrozenDictionary<string, Signal> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every signal a manager can tick, in the contract's order (not <see cref="Signal.Unspecified"/>).</summary>
    public static IReadOnlyList<Signal> All { get; } = Enum.GetValues<Signal>().Where(s => s != Signal.Unspecified).Order().ToArray();

    /// <summary>True for a signal a manager can tick: defined, and not <see cref="Signal.Unspecified"/>.</summary>
    public static bool IsSignal(Signal signal) => signal != Signal.Unspecified && Enum.IsDefined(signal);

    /// <summary>The contract name of <paramref name="signal"/>; a number for a value the contract does not define.</summary>
    public static string Of(Signal signal) =>
        Names.TryGetValue(signal, out var name) ? name : ((int)signal).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The signal named <paramref name="name"/> in the contract, or null when there is none.</summary>
    public static Signal? Parse(string? name) => name is not null && Values.TryGetValue(name, out var signal) ? signal : null;
}

/// <summary>Reads and writes a <see cref="Signal"/> as its contract name; an unknown name is refused with the known ones.</summary>
public sealed class SignalJsonConverter : JsonConverter<Signal>
{
    public override Signal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return SignalNames.Parse(name)
            ?? throw new JsonException(
                $"'{name ?? reader.TokenType.ToString()}' is not a signal; use one of {string.Join(", ", SignalNames.All.Select(SignalNames.Of))}.");
    }

    public override void Write(Utf8JsonWriter writer, Signal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(SignalNames.Of(value));
}
