using NodaTime;
using Weerbaarheid.SignalTraining.Domain.Certificates;

namespace Weerbaarheid.SignalTraining.Domain.Coverage;

/// <summary>Signal-training coverage of one unit's managers: counts only.</summary>
public sealed record UnitCoverage(string UnitId, int Managers, int Certified, int Expiring)
{
    public double Share => Managers == 0 ? 0 : (double)Certified / Managers;
}

/// <summary>Per unit: how many managers hold a valid certificate now, and how many of those expire within a window.</summary>
public static class CertificateCoverage
{
    public static IReadOnlyList<UnitCoverage> Of(
        IEnumerable<UnitManager> roster, IEnumerable<Certificate> certificates, Instant now, Duration window)
    {
        // A manager with several certificates counts once, by the one valid longest.
        var validUntil = certificates.Where(c => c.IsValidAt(now))
            .GroupBy(c => c.EmployeeId)
            .ToDictionary(g => g.Key, g => g.Max(c => c.ValidUntil));
        return roster.GroupBy(m => m.UnitId)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(unit =>
            {
                var managers = unit.Select(m => m.EmployeeId).Distinct().ToArray();
                var certified = managers.Where(validUntil.ContainsKey).ToArray();
                return new UnitCoverage(unit.Key, managers.Length, certified.Length, certified.Count(m => validUntil[m] < now + window));
            })
            .ToArray();
    }
}
