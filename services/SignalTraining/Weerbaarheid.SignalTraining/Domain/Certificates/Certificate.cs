using NodaTime;
using Weerbaarheid.SignalTraining.Domain.Courses;

namespace Weerbaarheid.SignalTraining.Domain.Certificates;

/// <summary>
/// Proof that an employee completed a course, valid from completion for the course's validity period. The
/// certificate also carries its own schedule: when the refresher is due and when it expires, each announced
/// once (<see cref="RefresherAnnouncedAt"/>, <see cref="ExpiryAnnouncedAt"/>), so the scheduler that publishes
/// them survives restarts and never fires twice.
/// </summary>
public sealed class Certificate
{
    public const string CollectionPrefix = "certificates/";

    private Certificate()
    {
    }

    public string Id { get; private set; } = "";
    public string EmployeeId { get; private set; } = "";
    public string CourseCode { get; private set; } = "";
    public string CohortId { get; private set; } = "";
    public Instant ValidFrom { get; private set; }

    /// <summary>Valid until, not including, this instant.</summary>
    public Instant ValidUntil { get; private set; }

    /// <summary>When the RefresherDue event is due; null for courses without a refresher.</summary>
    public Instant? RefresherDueAt { get; private set; }

    public Instant? RefresherAnnouncedAt { get; private set; }
    public Instant? ExpiryAnnouncedAt { get; private set; }

    public string Name => CollectionPrefix + Id;

    public string CohortName => Cohorts.Cohort.NameOf(CourseCode, CohortId);

    public static Certificate Issue(Course course, string cohortId, string employeeId, string id, Instant now)
    {
        var validUntil = now + course.CertificateValidity;
        return new Certificate
        {
            Id = id,
            EmployeeId = employeeId,
            CourseCode = course.Code,
            CohortId = cohortId,
            ValidFrom = now,
            ValidUntil = validUntil,
            RefresherDueAt = course.RefresherLead > Duration.Zero ? validUntil - course.RefresherLead : null,
        };
    }

    public bool IsValidAt(Instant now) => ValidFrom <= now && now < ValidUntil;

    /// <summary>Marks the refresher as announced; false when it was already, is not due yet, or the certificate has expired.</summary>
    public bool AnnounceRefresher(Instant now)
    {
        if (RefresherDueAt is not { } due || now < due || now >= ValidUntil || RefresherAnnouncedAt is not null || ExpiryAnnouncedAt is not null)
        {
            return false;
        }

        RefresherAnnouncedAt = now;
        return true;
    }

    /// <summary>Marks the expiry as announced; false when it was already, or the certificate is still valid.</summary>
    public bool AnnounceExpiry(Instant now)
    {
        if (now < ValidUntil || ExpiryAnnouncedAt is not null)
        {
            return false;
        }

        ExpiryAnnouncedAt = now;
        return true;
    }
}
