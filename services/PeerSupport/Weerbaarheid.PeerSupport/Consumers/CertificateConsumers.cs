using MassTransit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Messaging;

namespace Weerbaarheid.PeerSupport.Consumers;

/// <summary>A TCO training certificate qualifies its holder for the on-call rota, now or when they join it.</summary>
public sealed class CertificateIssuedConsumer(PeerSupportDbContext db, IClock clock)
    : IdempotentConsumer<CertificateIssued, PeerSupportDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<CertificateIssued> context)
    {
        var issued = context.Message;
        if (issued.CourseCode != CourseCodes.TcoBasicTraining)
        {
            return; // other courses do not qualify anyone for the rota
        }

        var now = Clock.GetCurrentInstant();
        var from = Instant.FromDateTimeOffset(issued.ValidFrom);
        var until = Instant.FromDateTimeOffset(issued.ValidUntil);
        var certificate = await Db.Certificates.SingleOrDefaultAsync(c => c.CertificateId == issued.CertificateId, context.CancellationToken);
        if (certificate is null)
        {
            Db.Certificates.Add(TcoCertificate.Issued(issued.CertificateId, issued.EmployeeId, from, until, now));
        }
        else if (!certificate.Reissue(from, until))
        {
            return;
        }

        await CertificateEvents.RotaChangedAsync(Db, issued.EmployeeId, "certificate issued", now, context.CancellationToken);
    }
}

/// <summary>An expired or withdrawn TCO certificate takes its holder off the rota from that instant.</summary>
public sealed class CertificateExpiredConsumer(PeerSupportDbContext db, IClock clock)
    : IdempotentConsumer<CertificateExpired, PeerSupportDbContext>(db, clock)
{
    protected override async Task HandleAsync(ConsumeContext<CertificateExpired> context)
    {
        var expired = context.Message;
        if (expired.CourseCode != CourseCodes.TcoBasicTraining)
        {
            return;
        }

        var certificate = await Db.Certificates.SingleOrDefaultAsync(c => c.CertificateId == expired.CertificateId, context.CancellationToken);
        if (certificate is null || !certificate.Expire(Instant.FromDateTimeOffset(expired.ExpiredAt)))
        {
            return; // never seen, or already ended: nothing changes
        }

        await CertificateEvents.RotaChangedAsync(Db, expired.EmployeeId, "certificate expired", Clock.GetCurrentInstant(), context.CancellationToken);
    }
}

internal static class CertificateEvents
{
    /// <summary>Tells the holder's region that its rota changed, when the holder is a member.</summary>
    public static async Task RotaChangedAsync(PeerSupportDbContext db, string employeeId, string change, Instant now, CancellationToken cancellationToken)
    {
        var region = await db.Members.Where(m => m.Id == employeeId).Select(m => (Region?)m.Region).SingleOrDefaultAsync(cancellationToken);
        if (region is { } memberRegion)
        {
            db.Publish(new RotaChanged(memberRegion.ResourceName(), $"{Member.CollectionPrefix}{employeeId} {change}", now.ToDateTimeOffset()));
        }
    }
}
