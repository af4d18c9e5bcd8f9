using FsCheck.Xunit;
using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

/// <summary>
/// Properties of the rota over random schedules (<see cref="RotaArbitraries"/>), 500 cases each (about a
/// second in all). A failure prints the schedule and FsCheck's seed; put it in
/// <c>[Property(Replay = "(seed1,seed2)")]</c> to run that case again.
/// </summary>
[Properties(Arbitrary = [typeof(RotaArbitraries)], MaxTest = 500)]
public sealed class RotaProperties
{
    [Property]
    public void At_any_instant_the_one_on_call_is_available_or_Shifts_reports_a_gap_there(RotaScenario scenario, Instant at)
    {
        var resolver = scenario.Resolver();

        var onCall = resolver.At(at);

        if (onCall is { MemberId: var memberId })
        {
            var member = scenario.Member(memberId);
            Assert.True(member.Active, $"{memberId} is inactive");
            Assert.Equal(RotaScenario.Home, member.Region);
            Assert.True(member.Qualifications.Any(q => q.Contains(at)), $"{memberId} is not qualified at {RotaArbitraries.Describe(at)}");
        }
        else
        {
            var around = resolver.Shifts(at - Duration.FromHours(30), at + Duration.FromHours(30));
            var piece = Assert.Single(around, s => s.Interval.Contains(at));
            Assert.True(piece.IsGap, $"At says nobody at {RotaArbitraries.Describe(at)}, Shifts says {piece}");
        }
    }

    [Property]
    public void Shifts_tile_the_interval_and_the_answer_is_constant_inside_each_shift(RotaScenario scenario, ShiftQuery query)
    {
        var resolver = scenario.Resolver();

        var shifts = resolver.Shifts(query.Start, query.End);

        Rota.AssertTiles(shifts, query.Start, query.End);
        foreach (var shift in shifts)
        {
            AssertAnswer(shift, shift.Interval.Start);
            AssertAnswer(shift, shift.Interval.End - Duration.Epsilon);
        }

        foreach (var probe in query.ProbeInstants())
        {
            AssertAnswer(shifts.Single(s => s.Interval.Contains(probe)), probe);
        }

        void AssertAnswer(ResolvedShift shift, Instant at)
        {
            var answer = resolver.At(at);
            Assert.True(answer?.MemberId == shift.MemberId && (answer?.FromOverride ?? false) == shift.FromOverride,
                $"At {RotaArbitraries.Describe(at)} says {answer?.ToString() ?? "gap"}, its shift says {shift}");
        }
    }

    [Property]
    public void A_layer_answers_the_same_between_the_changes_it_reports(RestrictedLayer restricted, ShiftQuery query)
    {
        var layer = restricted.Layer;
        var edges = layer.ChangesBetween(query.Start, query.End).Append(query.Start).Append(query.End).Distinct().Order().ToList();

        Assert.All(edges, e => Assert.InRange(e, query.Start, query.End));
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var (from, last) = (edges[i], edges[i + 1] - Duration.Epsilon);
            Assert.True(layer.AppliesAt(from) == layer.AppliesAt(last) && layer.ParticipantAt(from) == layer.ParticipantAt(last),
                $"between {RotaArbitraries.Describe(from)} and {RotaArbitraries.Describe(last)} the layer changes without a reported edge");
        }
    }

    [Property]
    public void Handoffs_increase_and_fall_on_the_handoff_time_of_the_local_clock(RotationCase rotation)
    {
        var (layer, first) = rotation;

        for (var turn = first; turn < first + 60; turn++)
        {
            var expected = ExpectedLocalHandoff(layer, turn);
            var handoff = layer.Handoff(turn);
            var mapping = RotaTime.Zone.MapLocal(expected);

            if (mapping.Count == 0)
            {
                // Skipped by the spring change: an hour later, in summer time.
                Assert.Equal(expected.PlusHours(1), RotaTime.ToLocal(handoff));
            }
            else
            {
                Assert.Equal(expected, RotaTime.ToLocal(handoff));
                Assert.Equal(mapping.First().ToInstant(), handoff); // a repeated time: its first occurrence
            }

            var next = layer.Handoff(turn + 1);
            if (mapping.Count == 0 && layer.Length.Hours == 1)
            {
                // A one-hour turn whose hour the clocks skip has no real time: it starts when the next one does.
                Assert.Equal(handoff, next);
                Assert.Equal(turn + 1, layer.TurnAt(handoff));
            }
            else
            {
                Assert.True(next > handoff, $"handoff {turn + 1} ({RotaArbitraries.Describe(next)}) is not after handoff {turn} ({RotaArbitraries.Describe(handoff)})");
                Assert.Equal(turn, layer.TurnAt(handoff));
                Assert.Equal(turn, layer.TurnAt(next - Duration.Epsilon));
            }
        }
    }

    private static LocalDateTime ExpectedLocalHandoff(Layer layer, long turn)
    {
        var first = layer.StartDate.At(layer.HandoffTime);
        return layer.Length switch
        {
            { Weeks: > 0 } => first.PlusWeeks((int)(turn * layer.Length.Weeks)),
            { Days: > 0 } => first.PlusDays((int)(turn * layer.Length.Days)),
            _ => first.PlusHours(turn * layer.Length.Hours),
        };
    }
}
