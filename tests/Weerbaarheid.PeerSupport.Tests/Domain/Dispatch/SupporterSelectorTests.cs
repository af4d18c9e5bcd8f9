using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Rota;
using static Weerbaarheid.PeerSupport.Tests.Domain.Rota.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Dispatch;

/// <summary>
/// Amsterdam has primary p1, backup b1, and others o1..o3; Noord-Holland (the first neighbour) has its own
/// primary n1 and member n2; the Amsterdam coordinator is c1. Everyone is certified and in "Team Oost"
/// unless a test says otherwise; the colleague needing support is in "Team West".
/// </summary>
public sealed class SupporterSelectorTests
{
    private static readonly Instant At = Local(2026, 6, 10, 14);
    private static readonly LocalDate Monday = new(2026, 6, 1);

    [Fact]
    public void Order_is_primary_backup_region_by_fairness_neighbours_then_the_coordinator()
    {
        var choice = Choose(home: Home(load: new()
        {
            ["o1"] = Load(lastDispatched: At - Duration.FromDays(2)),
            ["o2"] = Load(lastDispatched: null),
            ["o3"] = Load(lastDispatched: At - Duration.FromDays(9)),
        }));

        Assert.Equal(["p1", "b1", "o2", "o3", "o1", "n1", "n2", "c1"], choice.Candidates.Select(c => c.MemberId));
        Assert.Equal(
            [CandidateSource.Primary, CandidateSource.Backup, CandidateSource.RegionMember, CandidateSource.RegionMember,
             CandidateSource.RegionMember, CandidateSource.NeighbouringRegion, CandidateSource.NeighbouringRegion, CandidateSource.Coordinator],
            choice.Candidates.Select(c => c.Source));
        Assert.All(choice.Candidates, c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
        Assert.Equal("p1", choice.First?.MemberId);
        Assert.Equal(Region.NoordHolland, choice.Candidates.Single(c => c.MemberId == "n1").Region);
    }

    [Fact]
    public void Equally_rested_members_with_fewer_open_cases_come_first()
    {
        var last = At - Duration.FromDays(3);
        var choice = Choose(home: Home(load: new()
        {
            ["o1"] = Load(lastDispatched: last, openCases: 2),
            ["o2"] = Load(lastDispatched: last, openCases: 0),
            ["o3"] = Load(lastDispatched: last, openCases: 1),
        }));

        Assert.Equal(["o2", "o3", "o1"], choice.Candidates.Where(c => c.Source == CandidateSource.RegionMember).Select(c => c.MemberId));
    }

    public static TheoryData<string, string> Exclusions => new()
    {
        { "involved", "Involved in the incident." },
        { "tried", "Already offered this dispatch." },
        { "team", "In the colleague's own team." },
        { "resting", "Resting after a heavy case" },
        { "cap", "At the open-case cap (3 of 3)." },
        { "self", "The colleague who needs support." },
    };

    [Theory]
    [MemberData(nameof(Exclusions))]
    public void An_excluded_primary_is_passed_over_with_the_reason_and_the_backup_goes_first(string rule, string reason)
    {
        var load = rule switch
        {
            "team" => Load(team: "Team West"),
            "resting" => Load(restingUntil: At + Duration.FromHours(20)),
            "cap" => Load(openCases: 3),
            _ => Load(),
        };
        var need = Need() with
        {
            InvolvedMembers = rule == "involved" ? new HashSet<string> { "p1" } : [],
            AlreadyTried = rule == "tried" ? new HashSet<string> { "p1" } : [],
            ColleagueId = rule == "self" ? "p1" : "colleague",
        };

        var choice = Choose(need, Home(load: new() { ["p1"] = load }));

        Assert.Equal("b1", choice.First?.MemberId);
        Assert.DoesNotContain(choice.Candidates, c => c.MemberId == "p1");
        var passed = Assert.Single(choice.PassedOver, p => p.MemberId == "p1");
        Assert.StartsWith(reason, passed.Reason);
    }

    [Fact]
    public void Own_team_members_are_offered_when_the_policy_allows_it()
    {
        var choice = Choose(home: Home(load: new() { ["p1"] = Load(team: "Team West") }), policy: new DispatchPolicy(ExcludeOwnTeam: false));

        Assert.Equal("p1", choice.First?.MemberId);
    }

    [Fact]
    public void A_rest_period_that_is_over_no_longer_excludes()
    {
        var choice = Choose(home: Home(load: new() { ["p1"] = Load(restingUntil: At - Duration.FromMinutes(1)) }));

        Assert.Equal("p1", choice.First?.MemberId);
    }

    [Fact]
    public void Uncertified_and_inactive_members_are_never_candidates()
    {
        var expired = new Interval(Instant.FromUtc(2020, 1, 1, 0, 0), At - Duration.FromDays(1));
        var home = Home(extra: [Member("lapsed", qualifications: expired), Member("inactive", active: false)]);

        var choice = Choose(home: home);

        Assert.DoesNotContain(choice.Candidates, c => c.MemberId is "lapsed" or "inactive");
    }

    [Fact]
    public void When_everyone_is_excluded_only_the_coordinator_is_left_and_is_alerted_whatever_their_load()
    {
        var everyone = new HashSet<string> { "p1", "b1", "o1", "o2", "o3", "n1", "n2" };
        var choice = Choose(Need() with { InvolvedMembers = everyone }, Home(load: new() { ["c1"] = Load(openCases: 3, team: "Team West") }));

        Assert.Null(choice.First);
        var coordinator = Assert.Single(choice.Candidates);
        Assert.Equal(("c1", CandidateSource.Coordinator), (coordinator.MemberId, coordinator.Source));
        Assert.Equal(8, choice.PassedOver.Count);
        Assert.Equal("Coordinator of the region: kept for escalation.", choice.PassedOver.Single(p => p.MemberId == "c1").Reason);
    }

    [Fact]
    public void A_coordinator_on_call_by_schedule_is_offered_it_and_still_alerted_last()
    {
        var members = new[] { "c1", "b1", "o1" }.Select(id => Member(id)).ToDictionary(m => m.Id);
        var home = Pool(new RegionRota(Region.Amsterdam, members, [Weekly(Monday, "c1")], [Weekly(Monday, "b1")], [], "c1"), null);

        var choice = Choose(home: home);

        Assert.Equal(["c1", "b1", "o1", "n1", "n2", "c1"], choice.Candidates.Select(c => c.MemberId));
        Assert.Equal(CandidateSource.Primary, choice.Candidates[0].Source);
        Assert.Equal(CandidateSource.Coordinator, choice.Candidates[^1].Source);
    }

    [Fact]
    public void Every_region_has_neighbours_and_the_regional_units_neighbour_each_other_both_ways()
    {
        foreach (var region in Regions.All)
        {
            Assert.NotEmpty(NeighbouringRegions.Of(region));
            Assert.DoesNotContain(region, NeighbouringRegions.Of(region));
            foreach (var neighbour in NeighbouringRegions.Of(region).Where(_ => region != Region.LandelijkeEenheid))
            {
                Assert.Contains(region, NeighbouringRegions.Of(neighbour));
            }
        }
    }

    private static SupporterChoice Choose(SupportNeed? need = null, RegionPool? home = null, DispatchPolicy? policy = null) =>
        SupporterSelector.Choose(At, need ?? Need(), home ?? Home(), [Neighbour()], policy ?? DispatchPolicy.Default);

    private static SupportNeed Need() => new(Region.Amsterdam, "colleague", "Team West", new HashSet<string>(), new HashSet<string>());

    private static MemberLoad Load(string team = "Team Oost", int openCases = 0, Instant? lastDispatched = null, Instant? restingUntil = null) =>
        new(team, 3, openCases, lastDispatched, restingUntil);

    private static RegionPool Home(Dictionary<string, MemberLoad>? load = null, IEnumerable<RotaMember>? extra = null)
    {
        var members = new[] { "p1", "b1", "o1", "o2", "o3", "c1" }.Select(id => Member(id)).Concat(extra ?? []).ToDictionary(m => m.Id);
        var rota = new RegionRota(Region.Amsterdam, members, [Weekly(Monday, "p1")], [Weekly(Monday, "b1")], [], "c1");
        return Pool(rota, load);
    }

    private static RegionPool Neighbour()
    {
        var members = new[] { Member("n1", Region.NoordHolland), Member("n2", Region.NoordHolland) }.ToDictionary(m => m.Id);
        var rota = new RegionRota(Region.NoordHolland, members, [Weekly(Monday, "n1")], [], [], null);
        return Pool(rota, null);
    }

    private static RegionPool Pool(RegionRota rota, Dictionary<string, MemberLoad>? load)
    {
        var loads = rota.Members.Keys.ToDictionary(id => id, _ => Load());
        foreach (var (id, value) in load ?? [])
        {
            loads[id] = value;
        }

        return new RegionPool(rota, loads);
    }
}
