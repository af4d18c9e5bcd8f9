using Grpc.Core;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// GetRegion, UpdateRegion, GetSchedule and UpdateSchedule on the <see cref="DemoRota"/>. Each test changes a
/// region of its own; zeeland-west-brabant is only read.
/// </summary>
public sealed class RegionAndScheduleTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private PeerSupportApp App => host.App;

    [Fact]
    public async Task A_region_names_its_coordinator_to_its_coordinator_members_and_system_readers()
    {
        const string region = "zeeland-west-brabant";
        var request = new GetRegionRequest { Name = $"regions/{region}" };

        var byCoordinator = (await App.Coordinator(region).GetRegionAsync(request)).Region;
        var byMember = (await App.Member(DemoRota.Id(region, 4), region).GetRegionAsync(request)).Region;
        var bySystem = (await App.SystemReader.GetRegionAsync(request)).Region;

        Assert.Equal($"regions/{region}", byCoordinator.Name);
        Assert.Equal(Region.ZeelandWestBrabant, byCoordinator.Region);
        Assert.Equal(DemoRota.Name(region, 1), byCoordinator.Coordinator);
        Assert.NotEmpty(byCoordinator.Etag);
        Assert.Equal(byCoordinator, byMember);
        Assert.Equal(byCoordinator, bySystem);
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => App.SystemReader.GetRegionAsync(new GetRegionRequest { Name = "regions/utrecht" })));
    }

    [Fact]
    public async Task The_coordinator_can_be_handed_to_another_member_of_the_region_with_the_current_etag()
    {
        const string region = "noord-nederland";
        var coordinator = App.Coordinator(region);
        var current = (await coordinator.GetRegionAsync(new GetRegionRequest { Name = $"regions/{region}" })).Region;
        var change = current.Clone();
        change.Coordinator = DemoRota.Name(region, 2);

        var updated = (await coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = change })).Region;

        Assert.Equal(DemoRota.Name(region, 2), updated.Coordinator);
        Assert.NotEqual(current.Etag, updated.Etag);
        Assert.Equal(DemoRota.Name(region, 2), (await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" })).Coordinator.Member);
        await App.PublishedAsync<RotaChanged>(e => e.Region == $"regions/{region}" && e.Change == "coordinator changed", "for the new coordinator");

        change.Coordinator = DemoRota.Name(region, 3);
        await Rpc.FailsAsync(StatusCode.Aborted, () => coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = change }));

        var none = updated.Clone();
        none.Coordinator = "";
        Assert.Equal("", (await coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = none })).Region.Coordinator);
        Assert.Null((await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" })).Coordinator);
    }

    [Fact]
    public async Task The_coordinator_must_be_a_member_of_the_region()
    {
        const string region = "noord-nederland";
        var coordinator = App.Coordinator(region);
        var current = (await coordinator.GetRegionAsync(new GetRegionRequest { Name = $"regions/{region}" })).Region;

        var foreign = current.Clone();
        foreign.Coordinator = DemoRota.Name("limburg", 1);
        var unknown = current.Clone();
        unknown.Coordinator = "members/bestaat-niet";
        var malformed = current.Clone();
        malformed.Coordinator = "Sanne";
        malformed.Etag = "";

        Assert.Equal(["region.coordinator"], await Rpc.InvalidFieldsAsync(() => coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = foreign })));
        Assert.Equal(["region.coordinator"], await Rpc.InvalidFieldsAsync(() => coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = unknown })));
        Assert.Equal(["region.coordinator"], await Rpc.InvalidFieldsAsync(() => coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = malformed })));
        malformed.Coordinator = "";
        Assert.Equal(["region.etag"], await Rpc.InvalidFieldsAsync(() => coordinator.UpdateRegionAsync(new UpdateRegionRequest { Region = malformed })));
    }

    [Fact]
    public async Task A_schedule_has_the_demo_layers()
    {
        const string region = "zeeland-west-brabant";

        var primary = (await App.Coordinator(region).GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/primary" })).Schedule;
        var backup = (await App.Coordinator(region).GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/backup" })).Schedule;

        Assert.Equal($"regions/{region}/schedules/primary", primary.Name);
        var layer = Assert.Single(primary.Layers);
        Assert.Equal("Weekdienst", layer.DisplayName);
        Assert.Equal([DemoRota.Name(region, 1), DemoRota.Name(region, 2), DemoRota.Name(region, 3)], layer.Participants);
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 1, Day = 26 }, layer.StartDate);
        Assert.Equal(new Google.Type.TimeOfDay { Hours = 9 }, layer.HandoffTime);
        Assert.Equal(new RotationLength { Weeks = 1 }, layer.RotationLength);
        Assert.Empty(layer.RestrictToDays);
        Assert.Empty(layer.RestrictToWindows);
        Assert.Equal([DemoRota.Name(region, 4), DemoRota.Name(region, 5), DemoRota.Name(region, 6)], Assert.Single(backup.Layers).Participants);
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() =>
            App.Coordinator(region).GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/reserve" })));
    }

    [Fact]
    public async Task Replacing_the_layers_changes_who_is_on_call_and_the_etag()
    {
        const string region = "oost-brabant";
        var coordinator = App.Coordinator(region);
        var schedule = (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/primary" })).Schedule;
        var nights = WeeklyLayer(DemoRota.Name(region, 6));
        nights.DisplayName = "Nachten";
        nights.RotationLength = new RotationLength { Days = 1 };
        nights.RestrictToDays.Add(Google.Type.DayOfWeek.Monday);
        nights.RestrictToDays.Add(Google.Type.DayOfWeek.Tuesday);
        nights.RestrictToWindows.Add(new TimeWindow { Start = new Google.Type.TimeOfDay { Hours = 22 }, End = new Google.Type.TimeOfDay { Hours = 6 } });
        var change = schedule.Clone();
        change.Layers.Clear();
        change.Layers.Add(WeeklyLayer(DemoRota.Name(region, 4), DemoRota.Name(region, 5)));
        change.Layers.Add(nights);

        var updated = (await coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = change })).Schedule;

        Assert.NotEqual(schedule.Etag, updated.Etag);
        Assert.Equal(2, updated.Layers.Count);
        Assert.Equal(nights, updated.Layers[1]);
        Assert.Equal(updated, (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = schedule.Name })).Schedule);
        await App.PublishedAsync<RotaChanged>(e => e.Region == $"regions/{region}" && e.Change == "primary schedule changed", "for the new layers");

        // Monday 23 March 01:00 local: the night window that would have opened on Sunday does not apply (only
        // Mondays and Tuesdays), and the weekly layer's first turn only starts at 09:00, so nobody is on call.
        var monday1am = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" });
        Assert.Null(monday1am.Primary);
        var monday10am = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}", AtTime = Ts(DemoRota.FirstHandoff + NodaTime.Duration.FromHours(1)) });
        Assert.Equal(DemoRota.Name(region, 4), monday10am.Primary.Member);
        var monday11pm = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}", AtTime = Ts(NodaTime.Instant.FromUtc(2026, 3, 23, 22, 0)) });
        Assert.Equal(DemoRota.Name(region, 6), monday11pm.Primary.Member);

        var stale = change.Clone();
        await Rpc.FailsAsync(StatusCode.Aborted, () => coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = stale }));
    }

    [Fact]
    public async Task A_schedule_update_names_every_bad_field_of_every_layer_at_once()
    {
        const string region = "den-haag";
        var coordinator = App.Coordinator(region);
        var schedule = (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/backup" })).Schedule;
        var bad = WeeklyLayer(DemoRota.Name(region, 4), DemoRota.Name("limburg", 4));
        bad.StartDate = new Google.Type.Date { Year = 2026, Month = 2, Day = 30 };
        bad.HandoffTime = new Google.Type.TimeOfDay { Hours = 25 };
        bad.RotationLength = new RotationLength();
        bad.RestrictToWindows.Add(new TimeWindow { Start = new Google.Type.TimeOfDay { Hours = 8 }, End = new Google.Type.TimeOfDay { Hours = 8 } });
        var empty = WeeklyLayer();
        empty.DisplayName = "";
        var change = schedule.Clone();
        change.Etag = "";
        change.Layers.Clear();
        change.Layers.Add(bad);
        change.Layers.Add(empty);

        var fields = await Rpc.InvalidFieldsAsync(() => coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = change }));

        Assert.Equal(
            new[]
            {
                "schedule.etag",
                "schedule.layers[0].start_date",
                "schedule.layers[0].handoff_time",
                "schedule.layers[0].participants[1]",
                "schedule.layers[0].rotation_length",
                "schedule.layers[0].restrict_to_windows[0]",
                "schedule.layers[1].display_name",
                "schedule.layers[1].participants",
            }.Order(),
            fields.Order());
        Assert.Equal(schedule, (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = schedule.Name })).Schedule);
    }

    [Fact]
    public async Task A_malformed_participant_and_a_foreign_one_are_each_named_by_their_own_index()
    {
        const string region = "den-haag";
        var coordinator = App.Coordinator(region);
        var schedule = (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/primary" })).Schedule;
        var change = schedule.Clone();
        change.Layers.Clear();
        change.Layers.Add(WeeklyLayer("Sanne de Vries", DemoRota.Name(region, 2), DemoRota.Name("limburg", 2)));

        var fields = await Rpc.InvalidFieldsAsync(() => coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = change }));

        Assert.Equal(["schedule.layers[0].participants[0]", "schedule.layers[0].participants[2]"], fields);
    }

    [Fact]
    public async Task A_schedule_without_layers_is_allowed_and_leaves_nobody_on_call()
    {
        const string region = "landelijke-eenheid";
        var coordinator = App.Coordinator(region);
        var schedule = (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/backup" })).Schedule;
        var change = schedule.Clone();
        change.Layers.Clear();

        await coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = change });
        var answer = await coordinator.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" });

        Assert.Null(answer.Backup);
        Assert.Equal(DemoRota.Name(region, 2), answer.Primary.Member);
    }
}
