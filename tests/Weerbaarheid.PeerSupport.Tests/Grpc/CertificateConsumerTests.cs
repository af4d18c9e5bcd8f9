using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// SignalTraining's CertificateIssued and CertificateExpired, published on the harness bus as that service
/// would, and what they do to qualification and to who is on call. Tests use members of their own in
/// oost-nederland, or a demo region of their own (<see cref="DemoRota"/>).
/// </summary>
public sealed class CertificateConsumerTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Region = "oost-nederland";

    private static readonly DateTimeOffset ValidFrom = (PeerSupportApp.Start - Duration.FromDays(2)).ToDateTimeOffset();
    private static readonly DateTimeOffset ValidUntil = (PeerSupportApp.Start + Duration.FromDays(2 * 365)).ToDateTimeOffset();

    private PeerSupportApp App => host.App;

    private RotaClient Coordinator => App.Coordinator(Region);

    private async Task<Member> GetAsync(string name) => (await Coordinator.GetMemberAsync(new GetMemberRequest { Name = name })).Member;

    [Fact]
    public async Task An_issued_certificate_qualifies_its_holder()
    {
        var member = await CreateMemberAsync(Coordinator, Region, "opgeleid");
        var id = member.Name["members/".Length..];

        await App.PublishAsync(new CertificateIssued($"cert-{id}", id, CourseCodes.TcoBasicTraining, ValidFrom, ValidUntil));

        var qualified = await GetAsync(member.Name);
        Assert.True(qualified.Qualified);
        var certificate = Assert.Single(qualified.Certificates);
        Assert.Equal($"cert-{id}", certificate.CertificateId);
        Assert.Equal(ValidUntil, certificate.ValidUntil.ToDateTimeOffset());
        await App.PublishedAsync<RotaChanged>(e => e.Region == $"regions/{Region}" && e.Change == $"{member.Name} certificate issued",
            "for the certificate");
    }

    [Fact]
    public async Task A_certificate_issued_before_the_member_joined_qualifies_them_when_they_join()
    {
        var id = MemberId("vooraf");
        await App.PublishAsync(new CertificateIssued($"cert-{id}", id, CourseCodes.TcoBasicTraining, ValidFrom, ValidUntil));

        var created = (await Coordinator.CreateMemberAsync(new CreateMemberRequest { MemberId = id, Member = Samples.Member(Region) })).Member;

        Assert.True(created.Qualified);
        Assert.Equal($"cert-{id}", Assert.Single(created.Certificates).CertificateId);
    }

    [Fact]
    public async Task An_expired_certificate_takes_its_holder_off_call_and_opens_a_gap()
    {
        const string region = "rotterdam";
        await App.PublishAsync(new CertificateExpired(DemoRota.CertificateId(region, 2), DemoRota.Id(region, 2), CourseCodes.TcoBasicTraining,
            PeerSupportApp.Start.ToDateTimeOffset()));

        var member = (await App.Coordinator(region).GetMemberAsync(new GetMemberRequest { Name = DemoRota.Name(region, 2) })).Member;
        var onCall = await App.SystemReader.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" });

        Assert.False(member.Qualified);
        Assert.Empty(member.Certificates);
        Assert.Null(onCall.Primary);
        Assert.Equal(DemoRota.Name(region, 5), onCall.Backup.Member);
        var gap = await App.PublishedAsync<CoverageGapDetected>(e => e.Region == $"regions/{region}", "for the expired certificate");
        Assert.Equal(("PRIMARY", PeerSupportApp.Start.ToDateTimeOffset(), DemoRota.FirstHandoff.ToDateTimeOffset()), (gap.Schedule, gap.StartTime, gap.EndTime));
    }

    [Fact]
    public async Task A_reissued_certificate_takes_its_new_dates()
    {
        var member = await CreateMemberAsync(Coordinator, Region, "heruitgifte");
        var id = member.Name["members/".Length..];
        await App.PublishAsync(new CertificateIssued($"cert-{id}", id, CourseCodes.TcoBasicTraining, ValidFrom, ValidUntil));

        var later = ValidUntil.AddDays(100);
        await App.PublishAsync(new CertificateIssued($"cert-{id}", id, CourseCodes.TcoBasicTraining, ValidFrom, later));

        Assert.Equal(later, Assert.Single((await GetAsync(member.Name)).Certificates).ValidUntil.ToDateTimeOffset());
    }

    [Fact]
    public async Task Certificates_of_other_courses_change_nothing()
    {
        var member = await CreateMemberAsync(Coordinator, Region, "signaal");
        var id = member.Name["members/".Length..];
        const string region = "noord-holland";

        await App.PublishAsync(new CertificateIssued($"cert-{id}", id, "signal-training", ValidFrom, ValidUntil));
        await App.PublishAsync(new CertificateExpired(DemoRota.CertificateId(region, 2), DemoRota.Id(region, 2), "signal-training",
            PeerSupportApp.Start.ToDateTimeOffset()));

        Assert.False((await GetAsync(member.Name)).Qualified);
        Assert.Empty((await GetAsync(member.Name)).Certificates);
        Assert.True((await App.Coordinator(region).GetMemberAsync(new GetMemberRequest { Name = DemoRota.Name(region, 2) })).Member.Qualified);
        Assert.Equal(DemoRota.Name(region, 2), (await App.SystemReader.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" })).Primary.Member);
        Assert.Empty(App.PublishedSoFar<RotaChanged>(e => e.Change.Contains(id, StringComparison.Ordinal) && e.Change.Contains("certificate", StringComparison.Ordinal)));
        Assert.Empty(App.PublishedSoFar<RotaChanged>(e => e.Region == $"regions/{region}"));
    }
}
