using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// GetOnCall and the overrides that change its answer, on the <see cref="DemoRota"/>. Each test changes a
/// region of its own: amsterdam is only read.
/// </summary>
public sealed class OnCallTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    [Fact]
    public async Task On_call_names_the_primary_backup_and_coordinator_with_how_to_reach_them()
    {
        var answer = await App.SystemReader.GetOnCallAsync(new GetOnCallRequest { Region = "regions/amsterdam" });

        Assert.Equal(PeerSupportApp.Start, ToInstant(answer.AtTime));
        Assert.Equal(DemoRota.Name("amsterdam", 2), answer.Primary.Member);
        Assert.Equal(DemoRota.DisplayNames[1], answer.Primary.DisplayName);
        Assert.Equal(DemoRota.Team("amsterdam", 2), answer.Primary.Team);
        Assert.Equal(["nl", "en"], answer.Primary.Languages);
        var channel = Assert.Single(answer.Primary.NotificationChannels);
        Assert.Equal(NotificationChannelKind.Push, channel.Kind);
        Assert.Equal("app:demo-amsterdam-2", channel.Address);
        Assert.Equal(DemoRota.FirstHandoff, ToInstant(answer.Primary.ShiftEndTime));

        Assert.Equal(DemoRota.Name("amsterdam", 5), answer.Backup.Member);
        Assert.Equal(DemoRota.FirstHandoff, ToInstant(answer.Backup.ShiftEndTime));

        Assert.Equal(DemoRota.Name("amsterdam", 1), answer.Coordinator.Member);
        Assert.Equal(DemoRota.Team("amsterdam", 1), answer.Coordinator.Team);
        Assert.Null(answer.Coordinator.ShiftEndTime);
    }

    [Fact]
    public async Task On_call_at_a_given_instant_follows_the_weekly_handoff()
    {
        var coordinator = App.Coordinator("amsterdam");

        var afterFirst = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/amsterdam", AtTime = Ts(DemoRota.FirstHandoff) });
        var beforeSecond = await coordinator.GetOnCallAsync(new GetOnCallRequest
        {
            Region = "regions/amsterdam",
            AtTime = Ts(DemoRota.SecondHandoff - Duration.FromSeconds(1)),
        });
        var afterSecond = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/amsterdam", AtTime = Ts(DemoRota.SecondHandoff) });

        Assert.Equal(DemoRota.Name("amsterdam", 3), afterFirst.Primary.Member);
        Assert.Equal(DemoRota.Name("amsterdam", 6), afterFirst.Backup.Member);
        Assert.Equal(DemoRota.SecondHandoff, ToInstant(afterFirst.Primary.ShiftEndTime));
        Assert.Equal(DemoRota.Name("amsterdam", 3), beforeSecond.Primary.Member);
        Assert.Equal(DemoRota.Name("amsterdam", 1), afterSecond.Primary.Member);
        Assert.Equal(DemoRota.Name("amsterdam", 4), afterSecond.Backup.Member);
    }

    [Fact]
    public async Task An_override_makes_its_member_the_primary_until_it_ends()
    {
        var coordinator = App.Coordinator("den-haag");
        var end = PeerSupportApp.Start + Duration.FromHours(2);
        await coordinator.CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = "regions/den-haag",
            Override = new Override
            {
                Schedule = ScheduleKind.Primary,
                Member = DemoRota.Name("den-haag", 4),
                StartTime = Ts(PeerSupportApp.Start - Duration.FromHours(1)),
                EndTime = Ts(end),
                Reason = "Ziekte",
            },
        });

        var during = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/den-haag" });
        var after = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/den-haag", AtTime = Ts(end) });

        Assert.Equal(DemoRota.Name("den-haag", 4), during.Primary.Member);
        Assert.Equal(end, ToInstant(during.Primary.ShiftEndTime));
        Assert.Equal(DemoRota.Name("den-haag", 5), during.Backup.Member);
        Assert.Equal(DemoRota.Name("den-haag", 2), after.Primary.Member);
    }

    [Fact]
    public async Task An_inactive_member_is_never_on_call_so_their_turn_is_a_gap()
    {
        var coordinator = App.Coordinator("rotterdam");
        var primary = (await coordinator.GetMemberAsync(new GetMemberRequest { Name = DemoRota.Name("rotterdam", 2) })).Member;
        primary.Active = false;
        await coordinator.UpdateMemberAsync(new UpdateMemberRequest { Member = primary, UpdateMask = new FieldMask { Paths = { "active" } } });

        var answer = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/rotterdam" });

        Assert.Null(answer.Primary);
        Assert.Equal(DemoRota.Name("rotterdam", 5), answer.Backup.Member);
    }

    [Fact]
    public async Task An_uncertified_member_is_never_on_call_even_by_override_until_a_certificate_is_recorded()
    {
        var coordinator = App.Coordinator("midden-nederland");
        var newcomer = await CreateMemberAsync(coordinator, "midden-nederland", "nieuw");
        await coordinator.CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = "regions/midden-nederland",
            Override = new Override
            {
                Schedule = ScheduleKind.Backup,
                Member = newcomer.Name,
                StartTime = Ts(PeerSupportApp.Start),
                EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(1)),
            },
        });

        var uncertified = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/midden-nederland" });
        await coordinator.RecordCertificateAsync(new RecordCertificateRequest
        {
            Member = newcomer.Name,
            ValidFrom = Ts(PeerSupportApp.Start - Duration.FromDays(10)),
            ValidUntil = Ts(PeerSupportApp.Start + Duration.FromDays(300)),
            Note = "Opgeleid bij de Koninklijke Marechaussee",
        });
        var certified = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = "regions/midden-nederland" });

        Assert.Equal(DemoRota.Name("midden-nederland", 5), uncertified.Backup.Member);
        Assert.Equal(newcomer.Name, certified.Backup.Member);
        Assert.Equal(["nl", "ar"], certified.Backup.Languages);
        Assert.Equal(2, certified.Backup.NotificationChannels.Count);
    }

    [Fact]
    public async Task Overrides_are_created_listed_by_start_and_deleted()
    {
        var coordinator = App.Coordinator("noord-holland");
        var later = await CreateOverride(coordinator, 2, PeerSupportApp.Start + Duration.FromDays(3), "Vakantie");
        var sooner = await CreateOverride(coordinator, 3, PeerSupportApp.Start + Duration.FromDays(1), "Ziekte");
        await CreateOverride(coordinator, 4, PeerSupportApp.Start + Duration.FromDays(5), "Cursus");

        Assert.Matches("^regions/noord-holland/overrides/[0-9a-f]{32}$", later.Name);
        Assert.Equal(ScheduleKind.Primary, later.Schedule);
        Assert.Equal(DemoRota.Name("noord-holland", 2), later.Member);
        Assert.Equal("Vakantie", later.Reason);
        Assert.Equal("", later.ShiftSwap);

        var first = await coordinator.ListOverridesAsync(new ListOverridesRequest { Parent = "regions/noord-holland", PageSize = 2 });
        var second = await coordinator.ListOverridesAsync(new ListOverridesRequest
        {
            Parent = "regions/noord-holland",
            PageSize = 2,
            PageToken = first.NextPageToken,
        });
        Assert.Equal([sooner.Name, later.Name], first.Overrides.Select(o => o.Name));
        Assert.Equal(["Cursus"], second.Overrides.Select(o => o.Reason));
        Assert.Equal("", second.NextPageToken);

        var endingLate = await coordinator.ListOverridesAsync(new ListOverridesRequest
        {
            Parent = "regions/noord-holland",
            EndAfter = Ts(PeerSupportApp.Start + Duration.FromDays(4)),
        });
        Assert.Equal(["Cursus"], endingLate.Overrides.Select(o => o.Reason));

        await coordinator.DeleteOverrideAsync(new DeleteOverrideRequest { Name = sooner.Name });
        var remaining = await coordinator.ListOverridesAsync(new ListOverridesRequest { Parent = "regions/noord-holland" });
        Assert.Equal(["Vakantie", "Cursus"], remaining.Overrides.Select(o => o.Reason));
        await Rpc.FailsAsync(StatusCode.NotFound, () => coordinator.DeleteOverrideAsync(new DeleteOverrideRequest { Name = sooner.Name }));
        await App.PublishedAsync<RotaChanged>(e => e.Region == "regions/noord-holland" && e.Change == $"override {later.Name}", "for the new override");
        await App.PublishedAsync<RotaChanged>(e => e.Region == "regions/noord-holland" && e.Change == $"override {sooner.Name} removed",
            "for the removed override");
    }

    [Fact]
    public async Task An_override_names_every_bad_field_at_once()
    {
        var coordinator = App.Coordinator("noord-holland");
        var fields = await Rpc.InvalidFieldsAsync(() => coordinator.CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = "regions/noord-holland",
            Override = new Override
            {
                Member = DemoRota.Name("limburg", 2),
                StartTime = Ts(PeerSupportApp.Start + Duration.FromDays(100)),
                EndTime = Ts(PeerSupportApp.Start),
                Reason = new string('x', 201),
            },
        }));

        Assert.Equal(["override.schedule", "override.member", "override.end_time", "override.end_time", "override.reason"], fields);
    }

    private static async Task<Override> CreateOverride(RotaClient coordinator, int member, Instant start, string reason) =>
        (await coordinator.CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = "regions/noord-holland",
            Override = new Override
            {
                Schedule = ScheduleKind.Primary,
                Member = DemoRota.Name("noord-holland", member),
                StartTime = Ts(start),
                EndTime = Ts(start + Duration.FromHours(12)),
                Reason = reason,
            },
        })).Override;
}
