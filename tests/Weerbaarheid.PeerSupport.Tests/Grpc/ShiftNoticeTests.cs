using NodaTime;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.PeerSupport.Scheduling;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// ShiftStarting handoff notices from <see cref="ShiftNoticeScheduler"/>, run by hand while the fake clock
/// moves towards the <see cref="DemoRota.FirstHandoff"/> (lead time: the default 30 minutes). The clock only
/// moves forward, so this class is one scenario on a host of its own.
/// </summary>
public sealed class ShiftNoticeTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private static readonly Instant HandoffNoticeTime = DemoRota.FirstHandoff - Duration.FromMinutes(30);

    private PeerSupportApp App => host.App;

    private Task<(int Planned, int Fired)> RunOnceAsync() =>
        App.InScopeAsync<ShiftNoticeScheduler, (int, int)>(scheduler => scheduler.RunOnceAsync(CancellationToken.None));

    [Fact]
    public async Task A_shift_starting_notice_fires_once_within_the_lead_time_and_only_for_who_is_still_on_call()
    {
        // Monday 01:00 local: the next handoff (09:00) is beyond the lead time and the planning horizon.
        Assert.Equal((0, 0), await RunOnceAsync());

        // 07:00 UTC: the 08:00 handoffs of every region (primary and backup) are planned, not yet due.
        App.Clock.Reset(DemoRota.FirstHandoff - Duration.FromHours(1));
        Assert.Equal((2 * 11, 0), await RunOnceAsync());

        // Then den-haag's coordinator lets member 4 cover the primary from 07:45 to 10:00: member 3, planned
        // for 08:00, is no longer on call then; member 4's shift starts at 07:45.
        var coverStart = DemoRota.FirstHandoff - Duration.FromMinutes(15);
        await App.Coordinator("den-haag").CreateOverrideAsync(new CreateOverrideRequest
        {
            Parent = "regions/den-haag",
            Override = new Override
            {
                Schedule = ScheduleKind.Primary,
                Member = DemoRota.Name("den-haag", 4),
                StartTime = Ts(coverStart),
                EndTime = Ts(DemoRota.FirstHandoff + Duration.FromHours(2)),
            },
        });

        // Within the lead time of the handoff.
        App.Clock.Reset(HandoffNoticeTime + Duration.FromMinutes(1));
        var (planned, fired) = await RunOnceAsync();
        Assert.Equal(2, planned); // den-haag: member 4 at 07:45, and member 3 again when the cover ends at 10:00
        Assert.Equal(2 * 11, fired); // den-haag member 4 instead of member 3, due at 07:15; 10:00 is not due yet
        Assert.Equal((0, 0), await RunOnceAsync());

        await App.SettledAsync();
        var amsterdam = Assert.Single(App.PublishedSoFar<ShiftStarting>(e => e.Region == "regions/amsterdam" && e.Schedule == "PRIMARY"));
        Assert.Equal(DemoRota.Name("amsterdam", 3), amsterdam.Member);
        Assert.Equal(DemoRota.FirstHandoff.ToDateTimeOffset(), amsterdam.StartTime);
        Assert.Equal(DemoRota.SecondHandoff.ToDateTimeOffset(), amsterdam.EndTime);
        Assert.Equal(DemoRota.Name("amsterdam", 6), Assert.Single(App.PublishedSoFar<ShiftStarting>(e => e.Region == "regions/amsterdam" && e.Schedule == "BACKUP")).Member);
        var denHaag = Assert.Single(App.PublishedSoFar<ShiftStarting>(e => e.Region == "regions/den-haag" && e.Schedule == "PRIMARY"));
        Assert.Equal(DemoRota.Name("den-haag", 4), denHaag.Member);
        Assert.Equal(coverStart.ToDateTimeOffset(), denHaag.StartTime);
        Assert.Equal((DemoRota.FirstHandoff + Duration.FromHours(2)).ToDateTimeOffset(), denHaag.EndTime);
        Assert.Equal(2 * 11, App.PublishedSoFar<ShiftStarting>().Count);

        // Later rounds send nothing again, also once the shifts have started.
        App.Clock.Reset(DemoRota.FirstHandoff + Duration.FromMinutes(5));
        Assert.Equal(0, (await RunOnceAsync()).Fired);
        await App.SettledAsync();
        Assert.Equal(2 * 11, App.PublishedSoFar<ShiftStarting>().Count);
    }
}
