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
/// RequestShiftSwap, ListShiftSwaps, AcceptShiftSwap and CancelShiftSwap on the <see cref="DemoRota"/> of
/// amsterdam: member 3 is primary and member 6 backup in the week from <see cref="DemoRota.FirstHandoff"/>.
/// Each test swaps a day of that week of its own, so the tests do not meet.
/// </summary>
public sealed class ShiftSwapTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Region = "amsterdam";

    private PeerSupportApp App => host.App;

    private RotaClient Member(int n) => App.Member(DemoRota.Id(Region, n), Region);

    /// <summary>Day <paramref name="day"/> (0–6) of the week member 3 is primary, as an interval of 8 hours.</summary>
    private static (Instant Start, Instant End) Day(int day)
    {
        var start = DemoRota.FirstHandoff + Duration.FromDays(day) + Duration.FromHours(1);
        return (start, start + Duration.FromHours(8));
    }

    private static RequestShiftSwapRequest Ask((Instant Start, Instant End) part, ScheduleKind schedule = ScheduleKind.Primary) => new()
    {
        Parent = $"regions/{Region}",
        ShiftSwap = new ShiftSwap { Schedule = schedule, StartTime = Ts(part.Start), EndTime = Ts(part.End), Note = "Verjaardag van mijn dochter" },
    };

    [Fact]
    public async Task A_member_asks_for_cover_of_part_of_their_own_shift()
    {
        var part = Day(0);

        var swap = (await Member(3).RequestShiftSwapAsync(Ask(part))).ShiftSwap;

        Assert.Matches("^regions/amsterdam/shiftSwaps/[0-9a-f]{32}$", swap.Name);
        Assert.Equal(ShiftSwapState.Open, swap.State);
        Assert.Equal(DemoRota.Name(Region, 3), swap.RequestedBy);
        Assert.Equal(ScheduleKind.Primary, swap.Schedule);
        Assert.Equal(part.Start, ToInstant(swap.StartTime));
        Assert.Equal(part.End, ToInstant(swap.EndTime));
        Assert.Equal("Verjaardag van mijn dochter", swap.Note);
        Assert.Equal(App.Clock.GetCurrentInstant(), ToInstant(swap.CreateTime));
        Assert.Equal("", swap.TakenBy);
        Assert.Equal("", swap.Override);

        var requested = await App.PublishedAsync<ShiftSwapRequested>(e => e.ShiftSwap == swap.Name, "for the request");
        Assert.Equal(("regions/amsterdam", "PRIMARY", DemoRota.Name(Region, 3)), (requested.Region, requested.Schedule, requested.RequestedBy));
        Assert.Equal(part.Start.ToDateTimeOffset(), requested.StartTime);
        Assert.Equal(part.End.ToDateTimeOffset(), requested.EndTime);
    }

    [Fact]
    public async Task Asking_for_cover_of_a_shift_you_are_not_on_fails()
    {
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(2).RequestShiftSwapAsync(Ask(Day(1))));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(3).RequestShiftSwapAsync(Ask(Day(1), ScheduleKind.Backup)));
        // Partly: from the last hour of member 2's week into member 3's.
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () =>
            Member(3).RequestShiftSwapAsync(Ask((DemoRota.FirstHandoff - Duration.FromHours(1), DemoRota.FirstHandoff + Duration.FromHours(1)))));
    }

    [Fact]
    public async Task A_swap_request_names_every_bad_field_at_once()
    {
        var fields = await Rpc.InvalidFieldsAsync(() => Member(3).RequestShiftSwapAsync(new RequestShiftSwapRequest
        {
            Parent = $"regions/{Region}",
            ShiftSwap = new ShiftSwap
            {
                StartTime = Ts(PeerSupportApp.Start - Duration.FromDays(1)),
                EndTime = Ts(PeerSupportApp.Start - Duration.FromDays(2)),
                Note = new string('x', 201),
            },
        }));
        var missing = await Rpc.InvalidFieldsAsync(() => Member(3).RequestShiftSwapAsync(new RequestShiftSwapRequest { Parent = $"regions/{Region}" }));

        Assert.Equal(["shift_swap.schedule", "shift_swap.end_time", "shift_swap.start_time", "shift_swap.note"], fields);
        Assert.Equal(["shift_swap.start_time", "shift_swap.end_time"], missing);
    }

    [Fact]
    public async Task A_colleague_who_takes_the_swap_becomes_the_primary_through_an_override()
    {
        var part = Day(2);
        var asked = (await Member(3).RequestShiftSwapAsync(Ask(part))).ShiftSwap;

        var taken = (await Member(4).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = asked.Name })).ShiftSwap;

        Assert.Equal(ShiftSwapState.Taken, taken.State);
        Assert.Equal(DemoRota.Name(Region, 4), taken.TakenBy);
        Assert.Matches("^regions/amsterdam/overrides/[0-9a-f]{32}$", taken.Override);

        var onCall = await App.Coordinator(Region).GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{Region}", AtTime = Ts(part.Start) });
        Assert.Equal(DemoRota.Name(Region, 4), onCall.Primary.Member);
        Assert.Equal(part.End, ToInstant(onCall.Primary.ShiftEndTime));

        var shifts = (await App.Coordinator(Region).ListShiftsAsync(new ListShiftsRequest
        {
            Parent = $"regions/{Region}",
            StartTime = Ts(part.Start - Duration.FromHours(1)),
            EndTime = Ts(part.End + Duration.FromHours(1)),
            Schedule = ScheduleKind.Primary,
        })).Shifts;
        Assert.Equal([(3, false), (4, true), (3, false)], shifts.Select(s => (DemoRota.Number(s.Member), s.FromOverride)));

        var cover = (await App.Coordinator(Region).ListOverridesAsync(new ListOverridesRequest { Parent = $"regions/{Region}" }))
            .Overrides.Single(o => o.Name == taken.Override);
        Assert.Equal(asked.Name, cover.ShiftSwap);
        Assert.Equal(DemoRota.Name(Region, 4), cover.Member);
        Assert.Equal((part.Start, part.End), (ToInstant(cover.StartTime), ToInstant(cover.EndTime)));

        var completed = await App.PublishedAsync<ShiftSwapCompleted>(e => e.ShiftSwap == asked.Name, "for the taken swap");
        Assert.Equal((DemoRota.Name(Region, 3), DemoRota.Name(Region, 4), taken.Override), (completed.RequestedBy, completed.TakenBy, completed.Override));
        await App.PublishedAsync<RotaChanged>(e => e.Region == $"regions/{Region}" && e.Change.Contains(asked.Name, StringComparison.Ordinal), "for the taken swap");
    }

    [Fact]
    public async Task A_swap_is_taken_once()
    {
        var asked = (await Member(3).RequestShiftSwapAsync(Ask(Day(3)))).ShiftSwap;
        await Member(5).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = asked.Name });

        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(6).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = asked.Name }));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(3).CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = asked.Name }));
    }

    [Fact]
    public async Task Nobody_takes_their_own_swap()
    {
        var asked = (await Member(3).RequestShiftSwapAsync(Ask(Day(4)))).ShiftSwap;

        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(3).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = asked.Name }));
    }

    [Fact]
    public async Task Only_a_qualified_member_takes_a_swap()
    {
        var asked = (await Member(3).RequestShiftSwapAsync(Ask(Day(5)))).ShiftSwap;
        var uncertified = await CreateMemberAsync(App.Coordinator(Region), Region, "nieuw");

        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () =>
            App.Member(uncertified.Name["members/".Length..], Region).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = asked.Name }));
        await Rpc.FailsAsync(StatusCode.NotFound, () =>
            Member(4).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = $"regions/{Region}/shiftSwaps/{Guid.NewGuid():N}" }));
        Assert.Equal(["name"], await Rpc.InvalidFieldsAsync(() => Member(4).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = "ruil-1" })));
    }

    [Fact]
    public async Task An_open_request_is_cancelled_by_its_member_or_the_coordinator()
    {
        var first = (await Member(6).RequestShiftSwapAsync(Ask(Day(6), ScheduleKind.Backup))).ShiftSwap;
        var cancelled = (await Member(6).CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = first.Name })).ShiftSwap;
        var second = (await Member(6).RequestShiftSwapAsync(Ask(Day(6), ScheduleKind.Backup))).ShiftSwap;
        var byCoordinator = (await App.Coordinator(Region).CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = second.Name })).ShiftSwap;

        Assert.Equal(ShiftSwapState.Cancelled, cancelled.State);
        Assert.Equal(ShiftSwapState.Cancelled, byCoordinator.State);
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(6).CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = first.Name }));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => Member(4).AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = second.Name }));
    }

    [Fact]
    public async Task Swap_requests_are_listed_newest_first_by_state_a_page_at_a_time()
    {
        var coordinator = App.Coordinator("den-haag");
        var asker = App.Member(DemoRota.Id("den-haag", 3), "den-haag");
        var names = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            App.Clock.AdvanceMinutes(1);
            var part = Day(day);
            names.Add((await asker.RequestShiftSwapAsync(new RequestShiftSwapRequest
            {
                Parent = "regions/den-haag",
                ShiftSwap = new ShiftSwap { Schedule = ScheduleKind.Primary, StartTime = Ts(part.Start), EndTime = Ts(part.End) },
            })).ShiftSwap.Name);
        }

        await asker.CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = names[1] });

        var first = await App.Member(DemoRota.Id("den-haag", 5), "den-haag").ListShiftSwapsAsync(new ListShiftSwapsRequest { Parent = "regions/den-haag", PageSize = 2 });
        var second = await coordinator.ListShiftSwapsAsync(new ListShiftSwapsRequest { Parent = "regions/den-haag", PageSize = 2, PageToken = first.NextPageToken });
        var open = await coordinator.ListShiftSwapsAsync(new ListShiftSwapsRequest { Parent = "regions/den-haag", State = ShiftSwapState.Open });

        Assert.Equal([names[2], names[1]], first.ShiftSwaps.Select(s => s.Name));
        Assert.Equal([names[0]], second.ShiftSwaps.Select(s => s.Name));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal([names[2], names[0]], open.ShiftSwaps.Select(s => s.Name));
        Assert.Equal(["state"], await Rpc.InvalidFieldsAsync(() =>
            coordinator.ListShiftSwapsAsync(new ListShiftSwapsRequest { Parent = "regions/den-haag", State = (ShiftSwapState)7 })));
    }
}
