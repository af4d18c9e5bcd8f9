using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Coverage;

namespace Weerbaarheid.SignalTraining.Data;

/// <summary>
/// Certificates, their schedule (RefresherDue and CertificateExpired, each published once), the unit roster
/// and the coverage figures built on it.
/// </summary>
public sealed class CertificateStore(SignalTrainingDbContext db, IClock clock)
{
    /// <summary>The course whose coverage among managers the programme follows.</summary>
    public const string SignalTrainingCourse = "signal-training";

    public const int DefaultExpiringWithinDays = 90;
    public const int MaximumExpiringWithinDays = 730;
    public const int MaximumUnitManagers = 5000;

    /// <summary>
    /// A certificate, for its holder or a trainer. Anyone else hears it does not exist, the same answer as for
    /// an unknown id, so nothing is learnt about who holds what.
    /// </summary>
    public async Task<Certificate> GetAsync(string? name, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || !name.StartsWith(Certificate.CollectionPrefix, StringComparison.Ordinal) || name.Length > 80)
        {
            throw new ValidationFailedException([new FieldViolation("name", "A certificate is named certificates/{id}.")]);
        }

        var id = name[Certificate.CollectionPrefix.Length..];
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return certificate is not null && caller.MaySeeRecordsOf(certificate.EmployeeId) ? certificate : throw new NotFoundException(name);
    }

    public async Task<IReadOnlyList<Certificate>> ListOfAsync(string employeeId, CancellationToken cancellationToken) =>
        (await db.Certificates.AsNoTracking().Where(c => c.EmployeeId == employeeId).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.ValidFrom).ToArray();

    /// <summary>Replaces a unit's managers with <paramref name="managerIds"/>; returns how many it has now.</summary>
    public async Task<int> SetUnitManagersAsync(string? unitName, IReadOnlyList<string> managerIds, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var unit = UnitManager.ParseUnit(unitName);
        validation.Require(unit is not null, "unit", "A unit is named units/{id}: lowercase letters, digits and hyphens, e.g. units/amsterdam.");
        validation.Require(managerIds.Count <= MaximumUnitManagers, "manager_ids", $"At most {MaximumUnitManagers} managers per unit.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < managerIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(managerIds[i]) || managerIds[i].Length > 64)
            {
                validation.Add($"manager_ids[{i}]", "An employee number of 1 to 64 characters.");
            }
            else if (!seen.Add(managerIds[i]))
            {
                validation.Add($"manager_ids[{i}]", $"{managerIds[i]} is named more than once.");
            }
        }

        validation.ThrowIfInvalid();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.UnitManagers.Where(m => m.UnitId == unit).ExecuteDeleteAsync(cancellationToken);
        db.UnitManagers.AddRange(managerIds.Select(id => new UnitManager(unit!, id)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return managerIds.Count;
    }

    /// <summary>Signal-training coverage per unit, and the window (days) used for "expiring".</summary>
    public async Task<(IReadOnlyList<UnitCoverage> Units, int WindowDays)> CoverageAsync(int expiringWithinDays, CancellationToken cancellationToken)
    {
        new Validation()
            .Require(expiringWithinDays is >= 0 and <= MaximumExpiringWithinDays, "expiring_within_days", $"0 to {MaximumExpiringWithinDays} days (0: {DefaultExpiringWithinDays}).")
            .ThrowIfInvalid();
        var window = expiringWithinDays == 0 ? DefaultExpiringWithinDays : expiringWithinDays;
        var now = clock.GetCurrentInstant();
        var roster = await db.UnitManagers.AsNoTracking().ToListAsync(cancellationToken);
        var managers = roster.Select(m => m.EmployeeId).ToHashSet(StringComparer.Ordinal);
        var valid = (await db.Certificates.AsNoTracking()
                .Where(c => c.CourseCode == SignalTrainingCourse && c.ValidFrom <= now && c.ValidUntil > now)
                .ToListAsync(cancellationToken))
            .Where(c => managers.Contains(c.EmployeeId));
        return (CertificateCoverage.Of(roster, valid, now, Duration.FromDays(window)), window);
    }

    /// <summary>
    /// Publishes what is due: RefresherDue for certificates past their refresher date, CertificateExpired for
    /// those past their validity. Each certificate is claimed by a conditional update in the transaction that
    /// queues its event, so with several replicas, restarts or a crash in between, each event goes out once.
    /// </summary>
    public async Task<(int Refreshers, int Expiries)> AnnounceDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var refresherIds = await db.Certificates.AsNoTracking()
            .Where(c => c.RefresherDueAt <= now && c.RefresherAnnouncedAt == null && c.ExpiryAnnouncedAt == null && c.ValidUntil > now)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var refreshers = 0;
        foreach (var id in refresherIds)
        {
            refreshers += await AnnounceAsync(id, c => c.AnnounceRefresher(now),
                c => new RefresherDue(c.Id, c.EmployeeId, c.CourseCode, c.ValidUntil.ToDateTimeOffset()), cancellationToken);
        }

        var expiredIds = await db.Certificates.AsNoTracking()
            .Where(c => c.ValidUntil <= now && c.ExpiryAnnouncedAt == null)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var expiries = 0;
        foreach (var id in expiredIds)
        {
            expiries += await AnnounceAsync(id, c => c.AnnounceExpiry(now),
                c => new CertificateExpired(c.Id, c.EmployeeId, c.CourseCode, c.ValidUntil.ToDateTimeOffset()), cancellationToken);
        }

        return (refreshers, expiries);
    }

    private async Task<int> AnnounceAsync<TEvent>(
        string id, Func<Certificate, bool> announce, Func<Certificate, TEvent> @event, CancellationToken cancellationToken)
        where TEvent : class
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var certificate = await db.Certificates.SingleAsync(c => c.Id == id, cancellationToken);
        if (!announce(certificate))
        {
            return 0; // another replica announced it first
        }

        db.Publish(@event(certificate));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0;
        }

        await transaction.CommitAsync(cancellationToken);
        return 1;
    }
}
