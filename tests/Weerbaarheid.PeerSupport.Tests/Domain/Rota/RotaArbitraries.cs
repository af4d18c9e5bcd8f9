using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Interval = NodaTime.Interval;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

/// <summary>A random schedule of one region: 1–4 layers over a pool of six members, 0–10 overrides.</summary>
public sealed record RotaScenario(IReadOnlyList<Layer> Layers, IReadOnlyList<RotaOverride> Overrides, IReadOnlyList<RotaMember> Members)
{
    public const Region Home = Region.Amsterdam;

    public OnCallResolver Resolver() => new(Home, Layers, Overrides, Members.ToDictionary(m => m.Id));

    public RotaMember Member(string id) => Members.Single(m => m.Id == id);

    public override string ToString() => string.Join(Environment.NewLine,
        ["", .. Layers.Select((l, i) => $"  layer {i}: {RotaArbitraries.Describe(l)}"),
         .. Overrides.Select(o => $"  override: {o.MemberId} {RotaArbitraries.Describe(o.Interval)} created {o.CreatedAt}"),
         .. Members.Select(m => $"  member {m.Id}: {m.Region}{(m.Active ? "" : " inactive")} qualified {string.Join(", ", m.Qualifications.Select(RotaArbitraries.Describe))}")]);
}

/// <summary>An interval to list shifts over, with points inside it (fractions of its length) to probe.</summary>
public sealed record ShiftQuery(Instant Start, Instant End, IReadOnlyList<double> Probes)
{
    public IEnumerable<Instant> ProbeInstants() => Probes.Select(f => Start + Duration.FromTicks((long)((End - Start).BclCompatibleTicks * f)));

    public override string ToString() => $"[{RotaArbitraries.Describe(new Interval(Start, End))})";
}

/// <summary>A layer and the first of a run of consecutive turns to check: mostly turns around a 2026 instant (often a clock change), else early ones.</summary>
public sealed record RotationCase(Layer Layer, long FirstTurn)
{
    public override string ToString() => $"{RotaArbitraries.Describe(Layer)} from turn {FirstTurn}";
}

/// <summary>A layer with weekday or time-window restrictions.</summary>
public sealed record RestrictedLayer(Layer Layer)
{
    public override string ToString() => RotaArbitraries.Describe(Layer);
}

/// <summary>
/// Generators for the rota properties. Instants and times lean towards the nights of 2026's clock changes
/// (29 March, 25 October) and towards 01:30–03:00 local, where wall-clock arithmetic goes wrong if it does.
/// </summary>
public static class RotaArbitraries
{
    private static readonly string[] Pool = ["m1", "m2", "m3", "m4", "m5", "m6"];
    private static readonly Instant NewYear2026 = Instant.FromUtc(2025, 12, 31, 23, 0);
    private static readonly Instant SpringChange = Instant.FromUtc(2026, 3, 29, 1, 0);
    private static readonly Instant AutumnChange = Instant.FromUtc(2026, 10, 25, 1, 0);
    private static readonly LocalDate FirstStartDate = new(2025, 1, 1);
    private static readonly IsoDayOfWeek[] Week =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd uuuu-MM-dd HH:mm");

    public static Arbitrary<RotaScenario> Scenario() => ScenarioGen.ToArbitrary();

    public static Arbitrary<Instant> InstantIn2026Arbitrary() => InstantIn2026.ToArbitrary();

    public static Arbitrary<ShiftQuery> Query()
    {
        Gen<(Instant Start, int Minutes)> spans = Gen.Frequency(
            (1, Gen.Zip(InstantIn2026, Gen.Choose(1, 14 * 24 * 60))),
            (1, Gen.Zip(InstantIn2026, Gen.Choose(14 * 24 * 60, 60 * 24 * 60))),
            // Over the night of a clock change: from up to a day and a half before it to up to a day and a half after.
            (2, from change in Gen.Elements(SpringChange, AutumnChange)
                from before in Gen.Choose(1, 36 * 60)
                from after in Gen.Choose(1, 36 * 60)
                select (change - Duration.FromMinutes(before), before + after)));
        return (from span in spans
                from probes in Gen.Choose(0, 999_999).Select(p => p / 1_000_000.0).ArrayOf(12)
                select new ShiftQuery(span.Start, span.Start + Duration.FromMinutes(span.Minutes), probes)).ToArbitrary();
    }

    public static Arbitrary<RestrictedLayer> Restricted() =>
        (from layer in LayerGen
         from restrictions in RestrictionsGen.Where(r => r.Days.Length > 0 || r.Windows.Length > 0)
         select new RestrictedLayer(new Layer(layer.DisplayName, layer.Participants, layer.StartDate, layer.HandoffTime, layer.Length,
             restrictions.Days, restrictions.Windows))).ToArbitrary();

    public static Arbitrary<RotationCase> Rotation() =>
        (from layer in LayerGen
         from near in Gen.Frequency((1, Gen.Constant<Instant?>(null)), (2, InstantIn2026.Select(i => (Instant?)i)))
         from offset in Gen.Choose(0, 200)
         select new RotationCase(layer, near is { } at ? Math.Max(0, layer.TurnAt(at) - 30) : offset)).ToArbitrary();

    private static Gen<Instant> InstantIn2026 =>
        Gen.Frequency(
            (4, Gen.Choose(0, 365 * 24 * 3600 - 1).Select(s => NewYear2026 + Duration.FromSeconds(s))),
            (1, Gen.Choose(-8 * 3600, 8 * 3600).Select(s => SpringChange + Duration.FromSeconds(s))),
            (1, Gen.Choose(-8 * 3600, 8 * 3600).Select(s => AutumnChange + Duration.FromSeconds(s))),
            // On a quarter hour of the local clock, where handoffs and window edges fall.
            (1, from day in Gen.Elements(new LocalDate(2026, 3, 28), new LocalDate(2026, 3, 29), new LocalDate(2026, 10, 24), new LocalDate(2026, 10, 25), new LocalDate(2026, 6, 1))
                from time in TimeOfDay
                select RotaTime.ToInstant(day.At(time))));

    private static Gen<LocalTime> TimeOfDay =>
        Gen.Frequency(
            (3, Gen.Choose(0, 24 * 4 - 1).Select(q => new LocalTime(q / 4, q % 4 * 15))),
            (2, Gen.Elements(new LocalTime(1, 30), new LocalTime(2, 0), new LocalTime(2, 15), new LocalTime(2, 30), new LocalTime(2, 45),
                new LocalTime(3, 0), new LocalTime(8, 0), new LocalTime(18, 0))));

    private static Gen<RotationLength> LengthGen =>
        Gen.OneOf(
            Gen.Choose(1, 4).Select(RotationLength.OfWeeks),
            Gen.Choose(1, 14).Select(RotationLength.OfDays),
            Gen.Frequency((2, Gen.Elements(1, 8, 12, 24)), (1, Gen.Choose(1, 72))).Select(RotationLength.OfHours));

    private static Gen<(IsoDayOfWeek[] Days, TimeWindow[] Windows)> RestrictionsGen =>
        Gen.Frequency(
            (2, Gen.Constant((Array.Empty<IsoDayOfWeek>(), Array.Empty<TimeWindow>()))),
            (1, Gen.SubListOf(Week).Select(days => (days.ToArray(), Array.Empty<TimeWindow>()))),
            (2, from days in Gen.Frequency((1, Gen.SubListOf(Week).Select(d => d.ToArray())), (1, Gen.Constant(Array.Empty<IsoDayOfWeek>())))
                from count in Gen.Choose(1, 2)
                from windows in Gen.Zip(TimeOfDay, TimeOfDay, (start, end) => new TimeWindow(start, end)).ArrayOf(count)
                select (days, windows)));

    private static Gen<Layer> LayerGen =>
        from count in Gen.Choose(1, 4)
        from participants in Gen.Elements(Pool).ArrayOf(count)
        from startDay in Gen.Choose(0, 3 * 365)
        from handoff in TimeOfDay
        from length in LengthGen
        from restrictions in RestrictionsGen
        select new Layer("random", participants, FirstStartDate.PlusDays(startDay), handoff, length, restrictions.Days, restrictions.Windows);

    private static Gen<Interval> QualificationGen =>
        Gen.Frequency(
            // Mostly certified well into or past 2026, expiring at a random moment.
            (3, InstantIn2026.Select(end => new Interval(NewYear2026 - Duration.FromDays(400), end + Duration.FromDays(120)))),
            (2, from start in InstantIn2026
                from days in Gen.Choose(1, 200)
                select new Interval(start, start + Duration.FromDays(days) + Duration.FromMinutes(days * 7))),
            (1, InstantIn2026.Select(start => new Interval(start, null))),
            (1, InstantIn2026.Select(end => new Interval(null, end))));

    private static Gen<RotaMember> MemberGen(string id) =>
        from region in Gen.Frequency((6, Gen.Constant(Region.Amsterdam)), (1, Gen.Constant(Region.Rotterdam)))
        from active in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
        from count in Gen.Choose(0, 3)
        from qualifications in QualificationGen.ArrayOf(count)
        select new RotaMember(id, id, region, active, qualifications);

    private static Gen<RotaOverride> OverrideGen =>
        from member in Gen.Elements(Pool)
        from start in InstantIn2026
        from minutes in Gen.Choose(1, 10 * 24 * 60)
        from created in Gen.Choose(0, 2 * 365 * 24 * 60)
        select new RotaOverride(Guid.NewGuid(), ScheduleKind.Primary, member, new Interval(start, start + Duration.FromMinutes(minutes)),
            NewYear2026 - Duration.FromDays(365) + Duration.FromMinutes(created));

    private static Gen<RotaScenario> ScenarioGen =>
        from layerCount in Gen.Choose(1, 4)
        from layers in LayerGen.ArrayOf(layerCount)
        from overrideCount in Gen.Choose(0, 10)
        from overrides in OverrideGen.ArrayOf(overrideCount)
        from members in Gen.CollectToArray(Pool, MemberGen)
        select new RotaScenario(layers, overrides, members);

    public static string Describe(Layer layer) =>
        $"[{string.Join(",", layer.Participants)}] from {layer.StartDate:uuuu-MM-dd} {layer.HandoffTime:HH:mm} every {Describe(layer.Length)}"
        + (layer.Days.Count > 0 ? $" on {string.Join(",", layer.Days)}" : "")
        + (layer.Windows.Count > 0 ? $" in {string.Join(",", layer.Windows.Select(w => $"{w.Start:HH:mm}-{w.End:HH:mm}"))}" : "");

    public static string Describe(Interval interval) =>
        $"{(interval.HasStart ? Describe(interval.Start) : "-∞")} .. {(interval.HasEnd ? Describe(interval.End) : "∞")}";

    public static string Describe(Instant instant) =>
        string.Create(CultureInfo.InvariantCulture, $"{instant} ({LocalPattern.Format(RotaTime.ToLocal(instant))})");

    private static string Describe(RotationLength length) =>
        length.Weeks > 0 ? $"{length.Weeks}w" : length.Days > 0 ? $"{length.Days}d" : $"{length.Hours}h";
}
