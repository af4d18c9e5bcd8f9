using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// ListShifts, ListCoverageGaps and GetFairnessReport on the <see cref="DemoRota"/>. limburg is only read;
/// tests that change a rota use a region of their own.
/// </summary>
public sealed class ShiftQueryTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Limburg = "limburg";

    private PeerSupportApp App => host.App;

    [Fact]
    public async Task A_region_lists_the_final_shifts_of_both_schedules_by_start()
    {
        var end = PeerSupportApp.Start + Duration.FromDays(8);

        var shifts = (await App.Coordinator(Limburg).ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Limburg}",
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(end),
        })).Shifts;

        Assert.Equal(
        [
            (ScheduleKind.Primary, 2, PeerSupportApp.Start, DemoRota.FirstHandoff),
            (ScheduleKind.Backup, 5, PeerSupportApp.Start, DemoRota.FirstHandoff),
            (ScheduleKind.Primary, 3, DemoRota.FirstHandoff, DemoRota.SecondHandoff),
            (ScheduleKind.Backup, 6, DemoRota.FirstHandoff, DemoRota.SecondHandoff),
            (ScheduleKind.Primary, 1, DemoRota.SecondHandoff, end),
            (ScheduleKind.Backup, 4, DemoRota.SecondHandoff, end),
        ], shifts.Select(s => (s.Schedule, DemoRota.Number(s.Member), ToInstant(s.StartTime), ToInstant(s.EndTime))));
        Assert.All(shifts, s => Assert.Equal($"regions/{Limburg}", s.Region));
        Assert.All(shifts, s => Assert.False(s.FromOverride));
        Assert.Equal(DemoRota.DisplayNames[2], shifts[2].MemberDisplayName);
        Assert.Equal(Duration.FromHours(167), ToInstant(shifts[2].EndTime) - ToInstant(shifts[2].StartTime));
    }

    [Fact]
    public async Task A_region_lists_one_schedule_when_asked()
    {
        var shifts = (await App.Coordinator(Limburg).ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Limburg}",
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(8)),
            Schedule = ScheduleKind.Backup,
        })).Shifts;

        Assert.Equal([DemoRota.Name(Limburg, 5), DemoRota.Name(Limburg, 6), DemoRota.Name(Limburg, 4)], shifts.Select(s => s.Member));
    }

    [Fact]
    public async Task A_member_lists_their_own_shifts()
    {
        var request = new ListShiftsRequest
        {
            Parent = DemoRota.Name(Limburg, 3),
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(21)),
        };

        var own = (await App.Member(DemoRota.Id(Limburg, 3), Limburg).ListShiftsAsync(request)).Shifts;
        var byCoordinator = (await App.Coordinator(Limburg).ListShiftsAsync(request)).Shifts;

        var shift = Assert.Single(own);
        Assert.Equal(DemoRota.Name(Limburg, 3), shift.Member);
        Assert.Equal(ScheduleKind.Primary, shift.Schedule);
        Assert.Equal(DemoRota.FirstHandoff, ToInstant(shift.StartTime));
        Assert.Equal(DemoRota.SecondHandoff, ToInstant(shift.EndTime));
        Assert.Equal(own, byCoordinator);
    }

    [Fact]
    public async Task A_shift_put_there_by_an_override_says_so()
    {
        const string region = "noord-holland";
        var coordinator = App.Coordinator(region);
        var start = DemoRota.FirstHandoff + Duration.FromDays(1);
        await coordinator.CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = $"regions/{region}",
            Override = new Override
            {
                Schedule = ScheduleKind.Primary,
                Member = DemoRota.Name(region, 5),
                StartTime = Ts(start),
                EndTime = Ts(start + Duration.FromHours(10)),
            },
        });

        var shifts = (await coordinator.ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{region}",
            StartTime = Ts(DemoRota.FirstHandoff),
            EndTime = Ts(DemoRota.SecondHandoff),
            Schedule = ScheduleKind.Primary,
        })).Shifts;

        Assert.Equal(
            [(3, false), (5, true), (3, false)],
            shifts.Select(s => (DemoRota.Number(s.Member), s.FromOverride)));
        Assert.Equal(start, ToInstant(shifts[1].StartTime));
    }

    [Fact]
    public async Task Shifts_are_listed_for_at_most_366_days_of_a_valid_interval()
    {
        var coordinator = App.Coordinator(Limburg);

        Assert.Equal(["end_time"], await Rpc.InvalidFieldsAsync(() => coordinator.ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Limburg}",
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(367)),
        })));
        Assert.Equal(["end_time"], await Rpc.InvalidFieldsAsync(() => coordinator.ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Limburg}",
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(PeerSupportApp.Start),
        })));
        Assert.Equal(["parent", "start_time", "end_time", "schedule"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListShiftsAsync(new ListShiftsRequest { Parent = "teams/1", Schedule = (ScheduleKind)9 })));
        var year = await coordinator.ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Limburg}",
            StartTime = Ts(PeerSupportApp.Start),
            EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(366)),
        });
        Assert.Equal(2 * 54, year.Shifts.Count);
    }

    [Fact]
    public async Task A_schedule_without_layers_is_one_gap_for_the_whole_window()
    {
        const string region = "rotterdam";
        var coordinator = App.Coordinator(region);
        var backup = (await coordinator.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{region}/schedules/backup" })).Schedule;
        backup.Layers.Clear();
        await coordinator.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = backup });

        var week = (await coordinator.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{region}", Days = 7 })).Gaps;
        var fortnight = (await coordinator.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{region}" })).Gaps;

        var gap = Assert.Single(week);
        Assert.Equal($"regions/{region}", gap.Region);
        Assert.Equal(ScheduleKind.Backup, gap.Schedule);
        Assert.Equal(PeerSupportApp.Start, ToInstant(gap.StartTime));
        Assert.Equal(PeerSupportApp.Start + Duration.FromDays(7), ToInstant(gap.EndTime));
        Assert.Equal(PeerSupportApp.Start + Duration.FromDays(14), ToInstant(Assert.Single(fortnight).EndTime));
        await App.PublishedAsync<CoverageGapDetected>(e => e.Region == $"regions/{region}" && e.Schedule == "BACKUP", "for the empty backup schedule");
    }

    [Fact]
    public async Task A_fully_staffed_region_has_no_gaps_and_the_window_is_limited()
    {
        var coordinator = App.Coordinator(Limburg);

        Assert.Empty((await coordinator.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{Limburg}", Days = 92 })).Gaps);
        Assert.Equal(["days"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{Limburg}", Days = 93 })));
    }

    [Fact]
    public async Task An_expired_certificate_opens_a_gap_where_its_holder_was_on_call()
    {
        const string region = "den-haag";
        await App.PublishAsync(new CertificateExpired(DemoRota.CertificateId(region, 3), DemoRota.Id(region, 3), CourseCodes.TcoBasicTraining,
            PeerSupportApp.Start.ToDateTimeOffset()));

        var gaps = (await App.Coordinator(region).ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{region}", Days = 14 })).Gaps;

        // Member 3 is primary every third week: 23–30 March in the window; 13 April is past it.
        var gap = Assert.Single(gaps);
        Assert.Equal(ScheduleKind.Primary, gap.Schedule);
        Assert.Equal(DemoRota.FirstHandoff, ToInstant(gap.StartTime));
        Assert.Equal(DemoRota.SecondHandoff, ToInstant(gap.EndTime));
        var detected = await App.PublishedAsync<CoverageGapDetected>(e => e.Region == $"regions/{region}", "for the expired certificate");
        Assert.Equal("PRIMARY", detected.Schedule);
        Assert.Equal(DemoRota.FirstHandoff.ToDateTimeOffset(), detected.StartTime);
        Assert.Contains("certificate expired", detected.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fairness_counts_the_real_hours_of_each_member_and_the_unsocial_ones()
    {
        // The week of 23 March has 167 real hours: summer time starts on Sunday the 29th. Of those, 117 fall in
        // evenings and nights (18:00–08:00) or the weekend: four weeknights of 14 hours, Friday 18:00–24:00, a
        // Saturday of 24 and a Sunday of 23 hours, and Monday the 30th until 08:00.
        var lines = (await App.Coordinator(Limburg).GetFairnessReportAsync(new GetFairnessReportRequest
        {
            Region = $"regions/{Limburg}",
            StartTime = Ts(DemoRota.FirstHandoff),
            EndTime = Ts(DemoRota.SecondHandoff),
        })).Members;

        Assert.Equal([3, 6, 1, 2, 4, 5], lines.Select(l => DemoRota.Number(l.Member)));
        Assert.Equal((167, 0, 117), (lines[0].PrimaryHours, lines[0].BackupHours, lines[0].UnsocialHours));
        Assert.Equal((0, 167, 117), (lines[1].PrimaryHours, lines[1].BackupHours, lines[1].UnsocialHours));
        Assert.Equal(DemoRota.DisplayNames[2], lines[0].DisplayName);
        Assert.All(lines.Skip(2), l => Assert.Equal(0, l.PrimaryHours + l.BackupHours + l.UnsocialHours));
    }

    [Fact]
    public async Task Fairness_hours_add_up_to_the_period_for_each_schedule()
    {
        var start = PeerSupportApp.Start;
        var end = start + Duration.FromDays(30);

        var lines = (await App.Coordinator(Limburg).GetFairnessReportAsync(new GetFairnessReportRequest
        {
            Region = $"regions/{Limburg}",
            StartTime = Ts(start),
            EndTime = Ts(end),
        })).Members;

        var hours = (end - start).TotalHours;
        Assert.Equal(6, lines.Count);
        Assert.Equal(hours, lines.Sum(l => l.PrimaryHours), precision: 6);
        Assert.Equal(hours, lines.Sum(l => l.BackupHours), precision: 6);
        Assert.All(lines, l => Assert.InRange(l.UnsocialHours, 0, l.PrimaryHours + l.BackupHours));
        Assert.Equal(lines.OrderByDescending(l => l.PrimaryHours + l.BackupHours).Select(l => l.Member), lines.Select(l => l.Member));
        Assert.Equal(["start_time", "end_time"], await Rpc.InvalidFieldsAsync(() =>
            App.Coordinator(Limburg).GetFairnessReportAsync(new GetFairnessReportRequest { Region = $"regions/{Limburg}" })));
    }
}
