using Microsoft.EntityFrameworkCore;
using Weerbaarheid.Offerings.Client;
using Weerbaarheid.ServiceDefaults.Persistence;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Coverage;
using Weerbaarheid.SignalTraining.Domain.Enrolments;

namespace Weerbaarheid.SignalTraining.Data;

/// <summary>
/// SignalTraining's store: cohorts, enrolments, certificates, the unit roster behind the coverage figures,
/// and the local copy of the offerings catalogue. Eligibility answers and guidance requests are never stored.
/// </summary>
public abstract class SignalTrainingDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<UnitManager> UnitManagers => Set<UnitManager>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddOfferingCopy();

        var cohort = modelBuilder.Entity<Cohort>();
        cohort.ToTable("cohorts");
        cohort.HasKey(c => new { c.CourseCode, c.Id });
        cohort.Property(c => c.CourseCode).HasMaxLength(63);
        cohort.Property(c => c.Id).HasMaxLength(63);
        cohort.Property(c => c.TitleNl).HasMaxLength(200);
        cohort.Property(c => c.TitleEn).HasMaxLength(200);
        cohort.Property(c => c.Location).HasMaxLength(300);
        cohort.Property(c => c.Sessions).AsJson();
        cohort.Property(c => c.Trainers).AsJson();
        cohort.Property(c => c.Version).IsConcurrencyToken();
        cohort.Ignore(c => c.Name);
        cohort.Ignore(c => c.Title);
        cohort.HasIndex(c => new { c.CourseCode, c.StartsAt });

        var enrolment = modelBuilder.Entity<Enrolment>();
        enrolment.ToTable("enrolments");
        enrolment.HasKey(e => new { e.CourseCode, e.CohortId, e.EmployeeId });
        enrolment.Property(e => e.CourseCode).HasMaxLength(63);
        enrolment.Property(e => e.CohortId).HasMaxLength(63);
        enrolment.Property(e => e.EmployeeId).HasMaxLength(64);
        enrolment.Property(e => e.State).HasConversion<string>().HasMaxLength(20);
        enrolment.Property(e => e.Attendance).AsJson();
        enrolment.Property(e => e.CertificateId).HasMaxLength(40);
        enrolment.Property(e => e.Version).IsConcurrencyToken();
        enrolment.Ignore(e => e.Name);
        enrolment.Ignore(e => e.CohortName);
        enrolment.Ignore(e => e.HoldsSeat);
        enrolment.Ignore(e => e.IsActive);
        enrolment.HasIndex(e => e.EmployeeId);
        // One number per application in a cohort: the order of the waitlist.
        enrolment.HasIndex(e => new { e.CourseCode, e.CohortId, e.ApplicationNumber }).IsUnique();

        var certificate = modelBuilder.Entity<Certificate>();
        certificate.ToTable("certificates");
        certificate.HasKey(c => c.Id);
        certificate.Property(c => c.Id).HasMaxLength(40);
        certificate.Property(c => c.EmployeeId).HasMaxLength(64);
        certificate.Property(c => c.CourseCode).HasMaxLength(63);
        certificate.Property(c => c.CohortId).HasMaxLength(63);
        // The announcement marks are claimed with a conditional update: a second replica's save fails instead of publishing twice.
        certificate.Property(c => c.RefresherAnnouncedAt).IsConcurrencyToken();
        certificate.Property(c => c.ExpiryAnnouncedAt).IsConcurrencyToken();
        certificate.Ignore(c => c.Name);
        certificate.Ignore(c => c.CohortName);
        certificate.HasIndex(c => c.EmployeeId);
        certificate.HasIndex(c => c.RefresherDueAt);
        certificate.HasIndex(c => c.ValidUntil);

        var manager = modelBuilder.Entity<UnitManager>();
        manager.ToTable("unit_managers");
        manager.HasKey(m => new { m.UnitId, m.EmployeeId });
        manager.Property(m => m.UnitId).HasMaxLength(63);
        manager.Property(m => m.EmployeeId).HasMaxLength(64);
    }
}

public sealed class SignalTrainingSqliteDbContext(DbContextOptions<SignalTrainingSqliteDbContext> options) : SignalTrainingDbContext(options);

public sealed class SignalTrainingPostgresDbContext(DbContextOptions<SignalTrainingPostgresDbContext> options) : SignalTrainingDbContext(options);

internal sealed class SignalTrainingSqliteDesignTimeFactory : SqliteDesignTimeFactory<SignalTrainingSqliteDbContext>;

internal sealed class SignalTrainingPostgresDesignTimeFactory : PostgresDesignTimeFactory<SignalTrainingPostgresDbContext>;
