using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>A layer as a coordinator writes it and as it is stored; <see cref="ToLayer"/> makes it resolvable.</summary>
public sealed record LayerSpec(
    string DisplayName,
    IReadOnlyList<string> Participants,
    LocalDate StartDate,
    LocalTime HandoffTime,
    RotationLength Length,
    IReadOnlyList<IsoDayOfWeek> Days,
    IReadOnlyList<TimeWindow> Windows)
{
    public const int MaxLayers = 10;
    public const int MaxParticipants = 100;

    public Layer ToLayer() => new(DisplayName, Participants, StartDate, HandoffTime, Length, Days, Windows);

    /// <summary>
    /// Adds a violation for every bad field of every layer. <paramref name="regionMembers"/> are the ids
    /// of the schedule's region's members: a participant from elsewhere is refused.
    /// </summary>
    public static void Check(Validation v, string prefix, IReadOnlyList<LayerSpec> layers, IReadOnlySet<string> regionMembers, string regionName)
    {
        v.Require(layers.Count <= MaxLayers, prefix, $"At most {MaxLayers} layers.");
        for (var i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var field = $"{prefix}[{i}]";
            v.Require(layer.DisplayName.Trim().Length is > 0 and <= 100, $"{field}.display_name", "Required, at most 100 characters.");
            if (layer.Participants.Count == 0)
            {
                v.Add($"{field}.participants", "At least one participant (members/{member_id}).");
            }

            v.Require(layer.Participants.Count <= MaxParticipants, $"{field}.participants", $"At most {MaxParticipants} participants.");
            for (var p = 0; p < layer.Participants.Count; p++)
            {
                var participant = layer.Participants[p];
                var path = $"{field}.participants[{p}]";
                // One violation per participant: a name that could not be read was reported already.
                if (!regionMembers.Contains(participant) && v.Violations.All(existing => existing.Field != path))
                {
                    v.Add(path, $"members/{participant} is not a member of {regionName}.");
                }
            }

            v.Require(layer.Length.IsValid, $"{field}.rotation_length", "Exactly one of weeks (1–52), days (1–366) or hours (1–168).");
            v.Require(layer.Days.All(d => d != IsoDayOfWeek.None), $"{field}.restrict_to_days", "Days must be MONDAY to SUNDAY.");
            for (var w = 0; w < layer.Windows.Count; w++)
            {
                v.Require(layer.Windows[w].Start != layer.Windows[w].End, $"{field}.restrict_to_windows[{w}]",
                    "Start and end must differ (leave the windows out for the whole day).");
            }
        }
    }
}
