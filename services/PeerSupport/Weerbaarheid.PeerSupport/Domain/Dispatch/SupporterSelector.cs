using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Domain.Dispatch;

/// <summary>What the selector needs to know of a member beyond the rota: their team, and how loaded and rested they are.</summary>
public sealed record MemberLoad(string Team, int MaxOpenCases, int OpenCases, Instant? LastDispatchedAt, Instant? RestingUntil);

/// <summary>A region's rota at dispatch time, with the load of its members.</summary>
public sealed record RegionPool(RegionRota Rota, IReadOnlyDictionary<string, MemberLoad> Load);

/// <summary>
/// The colleague who needs support, as far as choosing a supporter goes: who they are (a TCO member
/// never supports themself), their region and team, the members involved in the incident, and the
/// members already offered this dispatch.
/// </summary>
public sealed record SupportNeed(
    Region Region, string ColleagueId, string ColleagueTeam, IReadOnlySet<string> InvolvedMembers, IReadOnlySet<string> AlreadyTried);

/// <summary>How strict the choice is (configurable per deployment).</summary>
public sealed record DispatchPolicy(bool ExcludeOwnTeam = true)
{
    public static readonly DispatchPolicy Default = new();
}

public enum CandidateSource
{
    Primary = 1,
    Backup = 2,
    RegionMember = 3,
    NeighbouringRegion = 4,
    Coordinator = 5,
}

/// <summary>Someone to offer the dispatch to, and why they come at this place in line.</summary>
public sealed record Candidate(string MemberId, Region Region, CandidateSource Source, string Reason);

/// <summary>Someone passed over, and why.</summary>
public sealed record PassedOver(string MemberId, Region Region, string Reason);

/// <summary>The supporters in order, the coordinator last, and everyone passed over with the reason: the record of every choice.</summary>
public sealed record SupporterChoice(IReadOnlyList<Candidate> Candidates, IReadOnlyList<PassedOver> PassedOver)
{
    /// <summary>The first supporter to offer to; null when only the coordinator (or nobody) is left.</summary>
    public Candidate? First => Candidates.FirstOrDefault(c => c.Source != CandidateSource.Coordinator);

    public Candidate? Coordinator => Candidates.FirstOrDefault(c => c.Source == CandidateSource.Coordinator);
}

/// <summary>
/// Chooses who supports a colleague after a heavy incident, in order: the region's on-call primary, the
/// backup, the other available members of the region ranked by fairness (longest since their last
/// dispatch, then fewest open cases), then the neighbouring regions in the same way, and finally the
/// region's coordinator, who is alerted when nobody else is left (and offered it before only when on call
/// by schedule). Passed over: the colleague themself, members involved in the
/// incident, members of the colleague's own team (by policy), members resting after a heavy case, members
/// at their open-case cap, and members already offered this dispatch.
/// </summary>
public static class SupporterSelector
{
    public static SupporterChoice Choose(Instant at, SupportNeed need, RegionPool home, IReadOnlyList<RegionPool> neighbours, DispatchPolicy policy)
    {
        var candidates = new List<Candidate>();
        var passedOver = new List<PassedOver>();
        var seen = new HashSet<string>();
        var coordinator = home.Rota.At(at).Coordinator;

        AddRegion(home, CandidateSource.Primary, CandidateSource.Backup, CandidateSource.RegionMember);
        foreach (var neighbour in neighbours)
        {
            AddRegion(neighbour, CandidateSource.NeighbouringRegion, CandidateSource.NeighbouringRegion, CandidateSource.NeighbouringRegion);
        }

        // The coordinator arranges support when nobody takes it; they are alerted whatever their own load.
        if (coordinator is not null)
        {
            candidates.Add(new Candidate(coordinator.Id, home.Rota.Region, CandidateSource.Coordinator,
                "Coordinator of the region: alerted when nobody else takes the dispatch."));
        }

        return new SupporterChoice(candidates, passedOver);

        void AddRegion(RegionPool pool, CandidateSource primarySource, CandidateSource backupSource, CandidateSource othersSource)
        {
            var region = pool.Rota.Region;
            var neighbour = region != need.Region;
            var onCall = pool.Rota.At(at);
            Consider(pool, onCall.Primary?.Member.Id, primarySource,
                neighbour ? $"On-call primary of neighbouring {region.ResourceName()}." : "On-call primary of the region.");
            Consider(pool, onCall.Backup?.Member.Id, backupSource,
                neighbour ? $"On-call backup of neighbouring {region.ResourceName()}." : "On-call backup of the region.");

            // A coordinator on call by schedule is offered it like anyone on call, but is not drawn from the
            // pool of other members: they are who everyone escalates to.
            if (!neighbour && coordinator is not null && seen.Add(coordinator.Id))
            {
                passedOver.Add(new PassedOver(coordinator.Id, region, "Coordinator of the region: kept for escalation."));
            }

            var others = pool.Rota.Members.Values
                .Where(m => !seen.Contains(m.Id) && m.IsAvailable(region, at))
                .Select(m => (Member: m, Load: pool.Load.GetValueOrDefault(m.Id)))
                .OrderBy(m => m.Load?.LastDispatchedAt ?? Instant.MinValue) // never dispatched comes first
                .ThenBy(m => m.Load?.OpenCases ?? 0)
                .ThenBy(m => m.Member.Id, StringComparer.Ordinal);
            foreach (var (member, load) in others)
            {
                var since = load?.LastDispatchedAt is { } last ? $"last dispatched {(at - last).TotalHours:F0} h ago" : "never dispatched";
                Consider(pool, member.Id, othersSource,
                    $"Qualified member of {(neighbour ? "neighbouring " : "")}{region.ResourceName()}, {since}, {load?.OpenCases ?? 0} open case(s).");
            }
        }

        void Consider(RegionPool pool, string? memberId, CandidateSource source, string reason)
        {
            if (memberId is null || !seen.Add(memberId))
            {
                return;
            }

            var region = pool.Rota.Region;
            if (WhyNot(memberId, pool.Load.GetValueOrDefault(memberId)) is { } why)
            {
                passedOver.Add(new PassedOver(memberId, region, why));
            }
            else
            {
                candidates.Add(new Candidate(memberId, region, source, reason));
            }
        }

        string? WhyNot(string memberId, MemberLoad? load)
        {
            if (memberId == need.ColleagueId)
            {
                return "The colleague who needs support.";
            }

            if (need.InvolvedMembers.Contains(memberId))
            {
                return "Involved in the incident.";
            }

            if (need.AlreadyTried.Contains(memberId))
            {
                return "Already offered this dispatch.";
            }

            if (load is null)
            {
                return null;
            }

            if (policy.ExcludeOwnTeam && string.Equals(load.Team, need.ColleagueTeam, StringComparison.OrdinalIgnoreCase))
            {
                return "In the colleague's own team.";
            }

            if (load.RestingUntil is { } resting && resting > at)
            {
                return $"Resting after a heavy case until {resting}.";
            }

            return load.OpenCases >= load.MaxOpenCases ? $"At the open-case cap ({load.OpenCases} of {load.MaxOpenCases})." : null;
        }
    }
}
