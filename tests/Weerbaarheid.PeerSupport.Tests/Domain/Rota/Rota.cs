using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Rota;

/// <summary>Builders for rota tests: Amsterdam members certified over 2020–2030 unless a test says otherwise.</summary>
internal static class Rota
{
    public const Region Home = Region.Amsterdam;

    public static readonly Interval Certified = new(Instant.FromUtc(2020, 1, 1, 0, 0), Instant.FromUtc(2030, 1, 1, 0, 0));

    /// <summary>The instant a Dutch wall-clock time happens (skipped times an hour later, repeated times the first time).</summary>
    public static Instant Local(int year, int month, int day, int hour, int minute = 0) =>
        RotaTime.ToInstant(new LocalDateTime(year, month, day, hour, minute));

    public static RotaMember Member(string id, Region region = Home, bool active = true, params Interval[] qualifications) =>
        new(id, id.ToUpperInvariant(), region, active, qualifications.Length == 0 ? [Certified] : qualifications);

    public static Layer Weekly(LocalDate start, params string[] participants) =>
        new("weekly", participants, start, new LocalTime(9, 0), RotationLength.OfWeeks(1));

    public static OnCallResolver Resolver(IReadOnlyList<Layer> layers, IEnumerable<RotaOverride>? overrides = null,
        IEnumerable<RotaMember>? members = null)
    {
        var overrideList = (overrides ?? []).ToList();
        // Everyone the schedule names is an available member unless the test brings its own.
        var all = (members ?? []).ToDictionary(m => m.Id);
        foreach (var id in layers.SelectMany(l => l.Participants).Concat(overrideList.Select(o => o.MemberId)))
        {
            all.TryAdd(id, Member(id));
        }

        return new OnCallResolver(Home, layers, overrideList, all);
    }

    public static RotaOverride Override(string memberId, Instant start, Instant end, Instant createdAt) =>
        new(Guid.NewGuid(), ScheduleKind.Primary, memberId, new Interval(start, end), createdAt);

    public static string? Who(this OnCallResolver resolver, Instant at) => resolver.At(at)?.MemberId;

    /// <summary>The shifts as (member, start, end) triples, for whole-list comparisons.</summary>
    public static List<(string? Member, Instant Start, Instant End)> Flat(this IEnumerable<ResolvedShift> shifts) =>
        shifts.Select(s => (s.MemberId, s.Interval.Start, s.Interval.End)).ToList();

    /// <summary>Shifts cover [start, end) exactly: first starts at start, each ends where the next begins, last ends at end.</summary>
    public static void AssertTiles(IReadOnlyList<ResolvedShift> shifts, Instant start, Instant end)
    {
        Assert.NotEmpty(shifts);
        Assert.Equal(start, shifts[0].Interval.Start);
        Assert.Equal(end, shifts[^1].Interval.End);
        for (var i = 0; i < shifts.Count; i++)
        {
            Assert.True(shifts[i].Interval.Start < shifts[i].Interval.End, $"piece {i} is empty: {shifts[i]}");
            if (i > 0)
            {
                Assert.Equal(shifts[i - 1].Interval.End, shifts[i].Interval.Start);
                Assert.False(shifts[i - 1].MemberId == shifts[i].MemberId && shifts[i - 1].FromOverride == shifts[i].FromOverride,
                    $"pieces {i - 1} and {i} should have been merged: {shifts[i - 1]} {shifts[i]}");
            }
        }
    }
}
