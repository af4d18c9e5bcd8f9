using Microsoft.EntityFrameworkCore;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Persistence;

namespace Weerbaarheid.PeerSupport.Data;

/// <summary>
/// Peer support's store: the rota (members, certificates, schedules, region settings, overrides), and the
/// dispatches, their offer feed and the support cases with their read audit.
/// </summary>
public abstract class PeerSupportDbContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Member> Members => Set<Member>();
    public DbSet<TcoCertificate> Certificates => Set<TcoCertificate>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<RegionSettings> RegionSettings => Set<RegionSettings>();
    public DbSet<Override> Overrides => Set<Override>();
    public DbSet<ShiftSwap> ShiftSwaps => Set<ShiftSwap>();
    public DbSet<CalendarSecret> CalendarSecrets => Set<CalendarSecret>();
    public DbSet<ShiftNotice> ShiftNotices => Set<ShiftNotice>();
    public DbSet<ReportedGap> ReportedGaps => Set<ReportedGap>();
    public DbSet<Dispatch> Dispatches => Set<Dispatch>();
    public DbSet<OfferFeedEntry> OfferFeed => Set<OfferFeedEntry>();
    public DbSet<SequenceCounter> SequenceCounters => Set<SequenceCounter>();
    public DbSet<SupportCase> SupportCases => Set<SupportCase>();
    public DbSet<CaseRead> CaseReads => Set<CaseRead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        var member = modelBuilder.Entity<Member>();
        member.ToTable("members");
        member.HasKey(m => m.Id);
        member.Property(m => m.Id).HasMaxLength(32);
        member.Property(m => m.Profile).AsJson();
        member.Property(m => m.Version).IsConcurrencyToken();
        member.Ignore(m => m.Name);
        member.Ignore(m => m.Etag);
        member.HasIndex(m => m.Region);

        var certificate = modelBuilder.Entity<TcoCertificate>();
        certificate.ToTable("certificates");
        certificate.HasKey(c => c.CertificateId);
        certificate.Property(c => c.CertificateId).HasMaxLength(100);
        certificate.Property(c => c.EmployeeId).HasMaxLength(32);
        certificate.Property(c => c.Note).HasMaxLength(200);
        certificate.HasIndex(c => c.EmployeeId);
        certificate.Ignore(c => c.Validity);

        var schedule = modelBuilder.Entity<Schedule>();
        schedule.ToTable("schedules");
        schedule.HasKey(s => new { s.Region, s.Kind });
        schedule.Property(s => s.Layers).AsJson();
        schedule.Property(s => s.Version).IsConcurrencyToken();
        schedule.Ignore(s => s.Name);
        schedule.Ignore(s => s.Etag);

        var region = modelBuilder.Entity<RegionSettings>();
        region.ToTable("regions");
        region.HasKey(r => r.Region);
        region.Property(r => r.Region).ValueGeneratedNever();
        region.Property(r => r.CoordinatorId).HasMaxLength(32);
        region.Property(r => r.Version).IsConcurrencyToken();
        region.Ignore(r => r.Name);
        region.Ignore(r => r.Etag);

        var @override = modelBuilder.Entity<Override>();
        @override.ToTable("overrides");
        @override.HasKey(o => o.Id);
        @override.Property(o => o.MemberId).HasMaxLength(32);
        @override.Property(o => o.Reason).HasMaxLength(200);
        @override.HasIndex(o => new { o.Region, o.End });
        @override.Ignore(o => o.Name);

        var swap = modelBuilder.Entity<ShiftSwap>();
        swap.ToTable("shift_swaps");
        swap.HasKey(s => s.Id);
        swap.Property(s => s.RequestedBy).HasMaxLength(32);
        swap.Property(s => s.TakenBy).HasMaxLength(32);
        swap.Property(s => s.Note).HasMaxLength(200);
        swap.Property(s => s.Version).IsConcurrencyToken();
        swap.HasIndex(s => new { s.Region, s.CreatedAt });
        swap.Ignore(s => s.Name);
        swap.Ignore(s => s.Interval);
        swap.Ignore(s => s.Etag);

        var secret = modelBuilder.Entity<CalendarSecret>();
        secret.ToTable("calendar_secrets");
        secret.HasKey(s => s.MemberId);
        secret.Property(s => s.MemberId).HasMaxLength(32);
        secret.Property(s => s.Secret).HasMaxLength(64);
        secret.HasIndex(s => s.Secret).IsUnique();

        var notice = modelBuilder.Entity<ShiftNotice>();
        notice.ToTable("shift_notices");
        notice.HasKey(n => n.Id);
        notice.Property(n => n.MemberId).HasMaxLength(32);
        notice.HasIndex(n => new { n.MemberId, n.Schedule, n.ShiftStart }).IsUnique();
        notice.HasIndex(n => new { n.FiredAt, n.FireAt });

        var gap = modelBuilder.Entity<ReportedGap>();
        gap.ToTable("reported_gaps");
        gap.HasKey(g => g.Id);
        gap.HasIndex(g => new { g.Region, g.End });

        MapDispatch(modelBuilder);
    }

    private static void MapDispatch(ModelBuilder modelBuilder)
    {
        var dispatch = modelBuilder.Entity<Dispatch>();
        dispatch.ToTable("dispatches");
        dispatch.HasKey(d => d.Id);
        dispatch.Property(d => d.Source).HasMaxLength(100);
        dispatch.Property(d => d.IncidentReference).HasMaxLength(100);
        dispatch.Property(d => d.ColleagueId).HasMaxLength(32);
        dispatch.Property(d => d.Requester).HasMaxLength(200);
        dispatch.Property(d => d.CoordinatorId).HasMaxLength(32);
        dispatch.Property(d => d.Colleague).AsJson();
        dispatch.Property(d => d.InvolvedMembers).AsJson();
        dispatch.Property(d => d.Offers).AsJson();
        dispatch.Property(d => d.Choices).AsJson();
        dispatch.Property(d => d.Version).IsConcurrencyToken();
        // Idempotency of RequestSupport: one dispatch per source × incident × colleague. Anonymised rows
        // have empty values and are left out.
        dispatch.HasIndex(d => new { d.Source, d.IncidentReference, d.ColleagueId }).IsUnique().HasFilter("\"AnonymisedAt\" IS NULL");
        dispatch.HasIndex(d => d.CurrentDeadline);
        dispatch.HasIndex(d => new { d.Region, d.CreatedAt });
        dispatch.Ignore(d => d.Name);
        dispatch.Ignore(d => d.Current);
        dispatch.Ignore(d => d.Tried);

        var feed = modelBuilder.Entity<OfferFeedEntry>();
        feed.ToTable("offer_feed");
        feed.HasKey(f => f.Sequence);
        feed.Property(f => f.Sequence).ValueGeneratedNever();
        feed.Property(f => f.MemberId).HasMaxLength(32);
        feed.HasIndex(f => new { f.MemberId, f.Sequence });

        var counter = modelBuilder.Entity<SequenceCounter>();
        counter.ToTable("sequence_counters");
        counter.HasKey(c => c.Name);
        counter.Property(c => c.Name).HasMaxLength(50);
        counter.HasData(new SequenceCounter { Name = SequenceCounter.OfferFeed, Value = 0 });

        var supportCase = modelBuilder.Entity<SupportCase>();
        supportCase.ToTable("support_cases");
        supportCase.HasKey(c => c.Id);
        supportCase.Property(c => c.SupporterId).HasMaxLength(32);
        supportCase.Property(c => c.ColleagueId).HasMaxLength(32);
        supportCase.Property(c => c.Colleague).AsJson();
        supportCase.Property(c => c.FollowUpsDue).AsJson();
        supportCase.Property(c => c.Contacts).AsJson();
        supportCase.Property(c => c.Version).IsConcurrencyToken();
        supportCase.HasIndex(c => c.DispatchId).IsUnique();
        supportCase.HasIndex(c => new { c.SupporterId, c.ClosedAt });
        supportCase.HasIndex(c => new { c.Region, c.OpenedAt });
        supportCase.HasIndex(c => new { c.ClosedAt, c.FirstContactDue });
        supportCase.Ignore(c => c.Name);
        supportCase.Ignore(c => c.IsOpen);
        supportCase.Ignore(c => c.FirstContactAt);

        var read = modelBuilder.Entity<CaseRead>();
        read.ToTable("case_reads");
        read.HasKey(r => r.Id);
        read.Property(r => r.Reader).HasMaxLength(100);
        read.Property(r => r.Via).HasMaxLength(50);
        read.HasIndex(r => new { r.CaseId, r.ReadAt });
    }
}

// EF keeps one migration history per context type, so each provider has its own subclass and migrations.
public sealed class PeerSupportSqliteDbContext(DbContextOptions<PeerSupportSqliteDbContext> options) : PeerSupportDbContext(options);

public sealed class PeerSupportPostgresDbContext(DbContextOptions<PeerSupportPostgresDbContext> options) : PeerSupportDbContext(options);

internal sealed class PeerSupportSqliteDesignTimeFactory : SqliteDesignTimeFactory<PeerSupportSqliteDbContext>;

internal sealed class PeerSupportPostgresDesignTimeFactory : PostgresDesignTimeFactory<PeerSupportPostgresDbContext>;
