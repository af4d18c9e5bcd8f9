using Google.Protobuf.WellKnownTypes;
using NodaTime;
using Weerbaarheid.PeerSupport.V1;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>Valid requests to start from; tests change the one field they are about.</summary>
public static class Samples
{
    /// <summary>A member id no other test uses (1–32 of a–z, 0–9, '-').</summary>
    public static string MemberId(string stem) => $"{stem}-{Guid.NewGuid():N}"[..Math.Min(stem.Length + 9, 32)];

    public static Member Member(string region, string displayName = "Noor Bakker", bool active = true)
    {
        var member = new Member
        {
            DisplayName = displayName,
            Region = $"regions/{region}",
            Team = "Team Noord",
            MaxOpenCases = 2,
            Active = active,
        };
        member.Languages.Add("nl");
        member.Languages.Add("ar");
        member.NotificationChannels.Add(new NotificationChannel { Kind = NotificationChannelKind.Sms, Address = "+31 6 1234 5678" });
        member.NotificationChannels.Add(new NotificationChannel { Kind = NotificationChannelKind.Push, Address = "app:noor" });
        return member;
    }

    /// <summary>A member of <paramref name="region"/> without any certificate (not qualified).</summary>
    public static async Task<Member> CreateMemberAsync(RotaClient coordinator, string region, string stem = "lid", bool active = true) =>
        (await coordinator.CreateMemberAsync(new CreateMemberRequest { MemberId = MemberId(stem), Member = Member(region, active: active) })).Member;

    /// <summary>A member of <paramref name="region"/> with a certificate valid for a year from <paramref name="now"/>.</summary>
    public static async Task<Member> CreateQualifiedMemberAsync(RotaClient coordinator, string region, Instant now, string stem = "lid")
    {
        var member = await CreateMemberAsync(coordinator, region, stem);
        return (await coordinator.RecordCertificateAsync(new RecordCertificateRequest
        {
            Member = member.Name,
            ValidFrom = Ts(now - Duration.FromDays(1)),
            ValidUntil = Ts(now + Duration.FromDays(365)),
            Note = "TCO Politie Nederland 2025",
        })).Member;
    }

    /// <summary>A weekly layer handing off on Mondays at 09:00, from Monday 23 March 2026.</summary>
    public static Layer WeeklyLayer(params string[] participants)
    {
        var layer = new Layer
        {
            DisplayName = "Weekdienst",
            StartDate = new Google.Type.Date { Year = 2026, Month = 3, Day = 23 },
            HandoffTime = new Google.Type.TimeOfDay { Hours = 9 },
            RotationLength = new RotationLength { Weeks = 1 },
        };
        layer.Participants.AddRange(participants);
        return layer;
    }

    /// <summary>An incident reference no other test uses, as a control room would write it.</summary>
    public static string IncidentReference(string stem = "MK") => $"{stem}-{Guid.NewGuid():N}"[..Math.Min(stem.Length + 13, 100)];

    /// <summary>
    /// A request for support after an incident in <paramref name="region"/> three quarters of an hour before
    /// <paramref name="now"/>, for the colleagues with employee numbers <paramref name="colleagues"/> (of "Team
    /// Zuid", which no demo member is in), under a fresh incident reference.
    /// </summary>
    public static RequestSupportRequest SupportRequest(string region, Instant now, Urgency urgency, params string[] colleagues)
    {
        var request = new RequestSupportRequest
        {
            Region = $"regions/{region}",
            IncidentReference = IncidentReference(),
            OccurredAt = Ts(now - Duration.FromMinutes(45)),
            Urgency = urgency,
            Requester = $"Meldkamer {region}, OvD 06-11112222",
        };
        request.Colleagues.AddRange(colleagues.Select(id => new Colleague { EmployeeId = id, Team = "Team Zuid", Contact = $"{id}, 06-12345678" }));
        return request;
    }

    public static Timestamp Ts(Instant instant) => Timestamp.FromDateTimeOffset(instant.ToDateTimeOffset());

    public static Instant ToInstant(Timestamp timestamp) => Instant.FromDateTimeOffset(timestamp.ToDateTimeOffset());
}
