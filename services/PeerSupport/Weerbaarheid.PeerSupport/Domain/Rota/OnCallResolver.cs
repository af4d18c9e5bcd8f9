using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>
/// Decides who is on call for one schedule of one region. At any instant: the latest override whose
/// member is available; else the topmost layer that applies (restrictions) and whose participant for
/// that turn is available; else nobody, which is a coverage gap. "Available" means active, in the
/// region and qualified (a valid TCO certificate) at that instant.
/// </summary>
public sealed class OnCallResolver
{
    private readonly Region _region;
    private readonly IReadOnlyList<Layer> _layers;
    private readonly RotaOverride[] _overrides; // by start
    private readonly Duration _longestOverride;
    private readonly IReadOnlyDictionary<string, RotaMember> _members;

    public OnCallResolver(Region region, IReadOnlyList<Layer> layers, IEnumerable<RotaOverride> overrides,
        IReadOnlyDictionary<string, RotaMember> members)
    {
        _region = region;
        _layers = layers;
        _overrides = overrides.OrderBy(o => o.Interval.Start).ToArray();
        _longestOverride = _overrides.Length == 0 ? Duration.Zero : _overrides.Max(o => o.Interval.Duration);
        _members = members;
    }

    /// <summary>The member on call at <paramref name="at"/>, or null (a gap).</summary>
    public (string MemberId, bool FromOverride)? At(Instant at)
    {
        if (OverrideAt(at) is { } covering)
        {
            return (covering, true);
        }

        for (var i = _layers.Count - 1; i >= 0; i--)
        {
            var layer = _layers[i];
            if (!layer.AppliesAt(at))
            {
                continue;
            }

            if (layer.ParticipantAt(at) is { } participant && IsAvailable(participant, at))
            {
                return (participant, false);
            }
        }

        return null;
    }

    /// <summary>
    /// The final shifts in [start, end), gaps included, ordered and clipped to the interval; adjacent
    /// pieces with the same member and origin are joined, so a shift is as long as it really lasts.
    /// </summary>
    public IReadOnlyList<ResolvedShift> Shifts(Instant start, Instant end)
    {
        var edges = new List<Instant> { start, end };
        foreach (var layer in _layers)
        {
            edges.AddRange(layer.ChangesBetween(start, end));
        }

        foreach (var o in _overrides)
        {
            AddIfInside(edges, o.Interval.Start, start, end);
            AddIfInside(edges, o.Interval.End, start, end);
        }

        foreach (var member in ScheduledMembers())
        {
            // A certificate without an expiry date is an interval open at the end.
            foreach (var qualification in member.Qualifications)
            {
                if (qualification.HasStart)
                {
                    AddIfInside(edges, qualification.Start, start, end);
                }

                if (qualification.HasEnd)
                {
                    AddIfInside(edges, qualification.End, start, end);
                }
            }
        }

        edges.Sort();
        var shifts = new List<ResolvedShift>();
        for (var i = 0; i < edges.Count - 1; i++)
        {
            if (edges[i] == edges[i + 1])
            {
                continue;
            }

            var slot = At(edges[i]);
            var piece = new ResolvedShift(slot?.MemberId, new Interval(edges[i], edges[i + 1]), slot?.FromOverride ?? false);
            if (shifts.Count > 0 && shifts[^1] is var last && last.MemberId == piece.MemberId && last.FromOverride == piece.FromOverride
                && last.Interval.End == piece.Interval.Start)
            {
                shifts[^1] = last with { Interval = new Interval(last.Interval.Start, piece.Interval.End) };
            }
            else
            {
                shifts.Add(piece);
            }
        }

        return shifts;
    }

    private string? OverrideAt(Instant at)
    {
        // Overrides are sorted by start: look back from the last one starting at or before the instant,
        // no further than the longest override could reach.
        var index = UpperBound(at) - 1;
        RotaOverride? best = null;
        for (var i = index; i >= 0 && _overrides[i].Interval.Start >= at - _longestOverride; i--)
        {
            var candidate = _overrides[i];
            if (candidate.Interval.Contains(at) && IsAvailable(candidate.MemberId, at)
                && (best is null || candidate.CreatedAt > best.CreatedAt))
            {
                best = candidate;
            }
        }

        return best?.MemberId;
    }

    private int UpperBound(Instant at)
    {
        int low = 0, high = _overrides.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_overrides[mid].Interval.Start <= at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private bool IsAvailable(string memberId, Instant at) =>
        _members.TryGetValue(memberId, out var member) && member.IsAvailable(_region, at);

    private IEnumerable<RotaMember> ScheduledMembers() =>
        _layers.SelectMany(l => l.Participants).Concat(_overrides.Select(o => o.MemberId)).Distinct()
            .Select(id => _members.GetValueOrDefault(id)).OfType<RotaMember>();

    private static void AddIfInside(List<Instant> edges, Instant edge, Instant start, Instant end)
    {
        if (edge > start && edge < end)
        {
            edges.Add(edge);
        }
    }
}
