using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// CreateMember, GetMember, ListMembers, UpdateMember and RecordCertificate. Tests add members of their own
/// (unique ids) to oost-nederland; ListMembers pages through the six demo members of oost-brabant, which no
/// test changes.
/// </summary>
public sealed class MemberTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Region = "oost-nederland";

    private PeerSupportApp App => host.App;

    private RotaClient Coordinator => App.Coordinator(Region);

    [Fact]
    public async Task A_member_asking_about_someone_else_is_refused_whether_or_not_they_exist()
    {
        var member = App.Member(DemoRota.Id(Region, 2), Region);

        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            member.GetMemberAsync(new GetMemberRequest { Name = "members/bestaat-niet" }));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () =>
            member.GetMemberAsync(new GetMemberRequest { Name = $"members/{DemoRota.Id(Region, 3)}" }));
    }

    [Fact]
    public async Task A_created_member_has_every_field_and_is_not_qualified_without_a_certificate()
    {
        var id = MemberId("nieuw");
        var sent = Member(Region);
        sent.MaxOpenCases = 0;

        var created = (await Coordinator.CreateMemberAsync(new CreateMemberRequest { MemberId = id, Member = sent })).Member;

        Assert.Equal($"members/{id}", created.Name);
        Assert.Equal("regions/oost-nederland", created.Region);
        Assert.Equal("Noor Bakker", created.DisplayName);
        Assert.Equal("Team Noord", created.Team);
        Assert.Equal(["nl", "ar"], created.Languages);
        Assert.Equal(sent.NotificationChannels, created.NotificationChannels);
        Assert.Equal(3, created.MaxOpenCases);
        Assert.True(created.Active);
        Assert.False(created.Qualified);
        Assert.Empty(created.Certificates);
        Assert.NotEmpty(created.Etag);
        Assert.Equal(created, (await Coordinator.GetMemberAsync(new GetMemberRequest { Name = created.Name })).Member);
        await App.PublishedAsync<RotaChanged>(e => e.Region == "regions/oost-nederland" && e.Change.Contains(id, StringComparison.Ordinal),
            $"for {id} joining");
    }

    [Fact]
    public async Task A_member_id_is_used_once()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "dubbel");

        await Rpc.FailsAsync(StatusCode.AlreadyExists, () => Coordinator.CreateMemberAsync(new CreateMemberRequest
        {
            MemberId = created.Name["members/".Length..],
            Member = Member(Region),
        }));
    }

    [Fact]
    public async Task A_new_member_names_every_bad_field_at_once()
    {
        var member = Member(Region, displayName: " ");
        member.Team = "";
        member.Languages.Add("Nederlands");
        member.NotificationChannels[0].Address = "bel me";
        member.NotificationChannels.Add(new NotificationChannel { Address = "x" });
        member.MaxOpenCases = 21;

        var fields = await Rpc.InvalidFieldsAsync(() => Coordinator.CreateMemberAsync(new CreateMemberRequest { MemberId = "Niet Geldig", Member = member }));

        Assert.Equal(
        [
            "member_id", "member.display_name", "member.team", "member.languages[2]", "member.notification_channels[0].address",
            "member.notification_channels[2].kind", "member.max_open_cases",
        ], fields);
    }

    [Fact]
    public async Task A_new_member_without_a_region_is_invalid()
    {
        var member = Member(Region);
        member.Region = "";

        var fields = await Rpc.InvalidFieldsAsync(() => Coordinator.CreateMemberAsync(new CreateMemberRequest { MemberId = MemberId("zonder"), Member = member }));

        Assert.Contains("member.region", fields);
    }

    [Fact]
    public async Task A_member_reads_themself()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "zelf");

        var read = (await App.Member(created.Name["members/".Length..], Region).GetMemberAsync(new GetMemberRequest { Name = created.Name })).Member;

        Assert.Equal(created.DisplayName, read.DisplayName);
        await Rpc.FailsAsync(StatusCode.NotFound, () => Coordinator.GetMemberAsync(new GetMemberRequest { Name = "members/bestaat-niet" }));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => Coordinator.GetMemberAsync(new GetMemberRequest { Name = "leden/1" })));
    }

    [Fact]
    public async Task Members_are_listed_by_name_a_page_at_a_time()
    {
        var coordinator = App.Coordinator("oost-brabant");

        var first = await coordinator.ListMembersAsync(new ListMembersRequest { Parent = "regions/oost-brabant", PageSize = 4 });
        var second = await coordinator.ListMembersAsync(new ListMembersRequest
        {
            Parent = "regions/oost-brabant",
            PageSize = 4,
            PageToken = first.NextPageToken,
        });

        Assert.Equal(Enumerable.Range(1, 4).Select(n => DemoRota.Name("oost-brabant", n)), first.Members.Select(m => m.Name));
        Assert.NotEmpty(first.NextPageToken);
        Assert.Equal([DemoRota.Name("oost-brabant", 5), DemoRota.Name("oost-brabant", 6)], second.Members.Select(m => m.Name));
        Assert.Equal("", second.NextPageToken);
        Assert.All(first.Members.Concat(second.Members), m => Assert.True(m.Qualified));
        Assert.All(first.Members.Concat(second.Members), m => Assert.Single(m.Certificates));

        var all = await coordinator.ListMembersAsync(new ListMembersRequest { Parent = "regions/oost-brabant" });
        Assert.Equal(6, all.Members.Count);
        Assert.Equal("", all.NextPageToken);

        var fields = await Rpc.InvalidFieldsAsync(() => coordinator.ListMembersAsync(new ListMembersRequest
        {
            Parent = "regions/oost-brabant",
            PageSize = -1,
            PageToken = "geen-token",
        }));
        Assert.Equal(["page_size", "page_token"], fields);
        Assert.Equal(["parent"], await Rpc.InvalidFieldsAsync(() => coordinator.ListMembersAsync(new ListMembersRequest { Parent = "regions/utrecht" })));
    }

    [Fact]
    public async Task An_update_changes_only_the_fields_in_the_mask_and_needs_the_current_etag()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "wijzig");
        var change = created.Clone();
        change.DisplayName = "Noor Bakker-de Wit";
        change.Team = "Team Zuid";
        change.Languages.Clear();

        var updated = (await Coordinator.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = change,
            UpdateMask = new FieldMask { Paths = { "display_name", "languages" } },
        })).Member;

        Assert.Equal("Noor Bakker-de Wit", updated.DisplayName);
        Assert.Equal("Team Noord", updated.Team);
        Assert.Empty(updated.Languages);
        Assert.NotEqual(created.Etag, updated.Etag);

        change.DisplayName = "Te laat";
        await Rpc.FailsAsync(StatusCode.Aborted, () => Coordinator.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = change,
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }));

        var all = updated.Clone();
        all.Team = "Team Oost";
        all.Active = false;
        var replaced = (await Coordinator.UpdateMemberAsync(new UpdateMemberRequest { Member = all, UpdateMask = new FieldMask { Paths = { "*" } } })).Member;
        Assert.Equal("Team Oost", replaced.Team);
        Assert.False(replaced.Active);
        Assert.Equal("Noor Bakker-de Wit", replaced.DisplayName);
    }

    [Fact]
    public async Task An_update_names_a_missing_mask_a_read_only_path_and_a_missing_etag()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "masker");
        var change = created.Clone();
        change.Etag = "";

        Assert.Equal(["update_mask", "member.etag"], await Rpc.InvalidFieldsAsync(() =>
            Coordinator.UpdateMemberAsync(new UpdateMemberRequest { Member = change })));
        Assert.Equal(["update_mask", "member.etag"], await Rpc.InvalidFieldsAsync(() => Coordinator.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = change,
            UpdateMask = new FieldMask { Paths = { "qualified" } },
        })));

        change.Etag = created.Etag;
        change.MaxOpenCases = 50;
        Assert.Equal(["member.max_open_cases"], await Rpc.InvalidFieldsAsync(() => Coordinator.UpdateMemberAsync(new UpdateMemberRequest
        {
            Member = change,
            UpdateMask = new FieldMask { Paths = { "max_open_cases" } },
        })));
    }

    [Fact]
    public async Task A_recorded_certificate_qualifies_an_uncertified_member()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "cert");
        var from = PeerSupportApp.Start - Duration.FromDays(1);
        var until = PeerSupportApp.Start + Duration.FromDays(3 * 365);

        var member = (await Coordinator.RecordCertificateAsync(new RecordCertificateRequest
        {
            Member = created.Name,
            ValidFrom = Ts(from),
            ValidUntil = Ts(until),
            Note = "TCO Politie Nederland 2025",
        })).Member;

        Assert.True(member.Qualified);
        var certificate = Assert.Single(member.Certificates);
        Assert.StartsWith("manual:", certificate.CertificateId, StringComparison.Ordinal);
        Assert.Equal(from, ToInstant(certificate.ValidFrom));
        Assert.Equal(until, ToInstant(certificate.ValidUntil));
        Assert.Equal("TCO Politie Nederland 2025", certificate.Note);
        Assert.True((await Coordinator.GetMemberAsync(new GetMemberRequest { Name = created.Name })).Member.Qualified);
    }

    [Fact]
    public async Task A_certificate_valid_only_later_does_not_qualify_yet()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "later");

        var member = (await Coordinator.RecordCertificateAsync(new RecordCertificateRequest
        {
            Member = created.Name,
            ValidFrom = Ts(PeerSupportApp.Start + Duration.FromDays(7)),
            ValidUntil = Ts(PeerSupportApp.Start + Duration.FromDays(400)),
            Note = "Opleiding in april",
        })).Member;

        Assert.False(member.Qualified);
        Assert.Single(member.Certificates);
    }

    [Fact]
    public async Task A_certificate_names_every_bad_field_at_once()
    {
        var created = await CreateMemberAsync(Coordinator, Region, "certfout");

        var fields = await Rpc.InvalidFieldsAsync(() => Coordinator.RecordCertificateAsync(new RecordCertificateRequest
        {
            Member = created.Name,
            ValidFrom = Ts(PeerSupportApp.Start),
            ValidUntil = Ts(PeerSupportApp.Start - Duration.FromDays(1)),
            Note = " ",
        }));
        var missing = await Rpc.InvalidFieldsAsync(() => Coordinator.RecordCertificateAsync(new RecordCertificateRequest { Member = "members/" }));

        Assert.Equal(["valid_until", "note"], fields);
        Assert.Equal(["member", "valid_from", "valid_until"], missing);
    }
}
