using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NodaTime;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// Who may call what, as one table over the RPCs of RotaService and DispatchService: each row makes a valid
/// call in amsterdam (on the <see cref="DemoRota"/>, with fresh resources of its own where the call changes
/// something), names the rightful caller, and says what another TCO member of the region gets and whether
/// system readers may call it. Every row is then called by each kind of caller, so only the caller's rights
/// decide the answer. To cover a new RPC, add a row.
/// </summary>
public sealed class AuthorizationTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Region = "amsterdam";
    private const string OtherRegion = "rotterdam";

    /// <summary>Member 3 of amsterdam is primary in the week from <see cref="DemoRota.FirstHandoff"/>; swaps take an hour of it each.</summary>
    private static int _swapHour;

    private PeerSupportApp App => host.App;

    private static readonly Row[] Table =
    [
        new("CreateMember", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.CreateMemberAsync(new CreateMemberRequest { MemberId = MemberId("rechten"), Member = Samples.Member(Region) }))),
        new("GetMember", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.GetMemberAsync(new GetMemberRequest { Name = DemoRota.Name(Region, 3) }))),
        new("GetMember", Owner.Member3, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.GetMemberAsync(new GetMemberRequest { Name = DemoRota.Name(Region, 3) })), "themself"),
        new("ListMembers", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.ListMembersAsync(new ListMembersRequest { Parent = $"regions/{Region}" }))),
        new("UpdateMember", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var member = await CreateMemberAsync(app.Coordinator(Region), Region, "rechten");
            member.Team = "Team Zuid";
            return client => client.UpdateMemberAsync(new UpdateMemberRequest { Member = member, UpdateMask = new FieldMask { Paths = { "team" } } });
        }),
        new("RecordCertificate", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var member = await CreateMemberAsync(app.Coordinator(Region), Region, "rechten");
            return client => client.RecordCertificateAsync(new RecordCertificateRequest
            {
                Member = member.Name,
                ValidFrom = Ts(PeerSupportApp.Start),
                ValidUntil = Ts(PeerSupportApp.Start + Duration.FromDays(365)),
                Note = "Elders opgeleid",
            });
        }),
        new("GetRegion", Owner.Coordinator, StatusCode.OK, true, _ => Task.FromResult<Call>(client =>
            client.GetRegionAsync(new GetRegionRequest { Name = $"regions/{Region}" }))),
        new("UpdateRegion", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var region = (await app.Coordinator(Region).GetRegionAsync(new GetRegionRequest { Name = $"regions/{Region}" })).Region;
            return client => client.UpdateRegionAsync(new UpdateRegionRequest { Region = region });
        }),
        new("GetSchedule", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{Region}/schedules/backup" }))),
        new("UpdateSchedule", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var schedule = (await app.Coordinator(Region).GetScheduleAsync(new GetScheduleRequest { Name = $"regions/{Region}/schedules/backup" })).Schedule;
            return client => client.UpdateScheduleAsync(new UpdateScheduleRequest { Schedule = schedule });
        }),
        new("CreateOverride", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.CreateOverrideAsync(new CreateOverrideRequest { Parent = $"regions/{Region}", Override = LaterBackupCover() }))),
        new("ListOverrides", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.ListOverridesAsync(new ListOverridesRequest { Parent = $"regions/{Region}" }))),
        new("DeleteOverride", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var cover = (await app.Coordinator(Region).CreateOverrideAsync(new CreateOverrideRequest
            {
                Parent = $"regions/{Region}",
                Override = LaterBackupCover(),
            })).Override;
            return client => client.DeleteOverrideAsync(new DeleteOverrideRequest { Name = cover.Name });
        }),
        new("GetOnCall", Owner.Coordinator, StatusCode.PermissionDenied, true, _ => Task.FromResult<Call>(client =>
            client.GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{Region}" }))),
        new("ListShifts", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.ListShiftsAsync(Week($"regions/{Region}"))), "of the region"),
        new("ListShifts", Owner.Member3, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.ListShiftsAsync(Week(DemoRota.Name(Region, 3)))), "of a member"),
        new("ListCoverageGaps", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = $"regions/{Region}" }))),
        new("GetFairnessReport", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
        {
            var week = Week($"regions/{Region}");
            return client.GetFairnessReportAsync(new GetFairnessReportRequest { Region = week.Parent, StartTime = week.StartTime, EndTime = week.EndTime });
        })),
        // Another member asking is not a matter of rights: they are not on call then.
        new("RequestShiftSwap", Owner.Member3, StatusCode.FailedPrecondition, false, _ => Task.FromResult<Call>(client =>
            client.RequestShiftSwapAsync(SwapOfAnHour()))),
        new("ListShiftSwaps", Owner.Coordinator, StatusCode.OK, false, _ => Task.FromResult<Call>(client =>
            client.ListShiftSwapsAsync(new ListShiftSwapsRequest { Parent = $"regions/{Region}" }))),
        new("AcceptShiftSwap", Owner.Member4, StatusCode.OK, false, async app =>
        {
            var swap = (await app.Member(DemoRota.Id(Region, 3), Region).RequestShiftSwapAsync(SwapOfAnHour())).ShiftSwap;
            return client => client.AcceptShiftSwapAsync(new AcceptShiftSwapRequest { Name = swap.Name });
        }),
        new("CancelShiftSwap", Owner.Member3, StatusCode.PermissionDenied, false, async app =>
        {
            var swap = (await app.Member(DemoRota.Id(Region, 3), Region).RequestShiftSwapAsync(SwapOfAnHour())).ShiftSwap;
            return client => client.CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = swap.Name });
        }),
        new("CancelShiftSwap", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var swap = (await app.Member(DemoRota.Id(Region, 3), Region).RequestShiftSwapAsync(SwapOfAnHour())).ShiftSwap;
            return client => client.CancelShiftSwapAsync(new CancelShiftSwapRequest { Name = swap.Name });
        }, "by the coordinator"),
        new("GetCalendarFeed", Owner.Member3, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = DemoRota.Name(Region, 3) }))),
        new("RotateCalendarSecret", Owner.Member3, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.RotateCalendarSecretAsync(new RotateCalendarSecretRequest { Member = DemoRota.Name(Region, 3) }))),

        // DispatchService. The control room asks (routine: no rest afterwards), so the dispatch goes to member 2,
        // the on-call primary at the start; any coordinator may ask support for colleagues, whatever their region.
        new("RequestSupport", Owner.Coordinator, StatusCode.PermissionDenied, false, app => Task.FromResult<Call>(client =>
            client.Dispatch.RequestSupportAsync(SupportRequest(Region, app.Clock.GetCurrentInstant(), Urgency.Routine, MemberId("collega")))),
            AnyCoordinator: true),
        new("GetDispatch", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var dispatch = await DispatchToMember2Async(app);
            return client => client.Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name });
        }),
        new("GetDispatch", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var dispatch = await DispatchToMember2Async(app);
            return client => client.Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name });
        }, "as the member offered it"),
        new("ListDispatches", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.Dispatch.ListDispatchesAsync(new ListDispatchesRequest { Parent = $"regions/{Region}" })), "of the region"),
        new("ListDispatches", Owner.Member2, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.Dispatch.ListDispatchesAsync(new ListDispatchesRequest { Parent = DemoRota.Name(Region, 2) })), "of a member"),
        new("WatchDispatches", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            await DispatchToMember2Async(app); // an open offer: the stream's first message comes at once
            return client => client.Dispatch.WatchFirstAsync(new WatchDispatchesRequest { Member = DemoRota.Name(Region, 2) });
        }),
        new("AcceptDispatch", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var dispatch = await DispatchToMember2Async(app);
            return client => client.Dispatch.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name });
        }),
        new("DeclineDispatch", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var dispatch = await DispatchToMember2Async(app);
            return client => client.Dispatch.DeclineDispatchAsync(new DeclineDispatchRequest { Name = dispatch.Name, Reason = "Op een andere inzet." });
        }),
        new("GetSupportCase", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var supportCase = await CaseOfMember2Async(app);
            return client => client.Dispatch.GetSupportCaseAsync(new GetSupportCaseRequest { Name = supportCase.Name });
        }, "of the supporter"),
        new("GetSupportCase", Owner.Coordinator, StatusCode.PermissionDenied, false, async app =>
        {
            var supportCase = await CaseOfMember2Async(app);
            return client => client.Dispatch.GetSupportCaseAsync(new GetSupportCaseRequest { Name = supportCase.Name });
        }, "by the coordinator"),
        new("ListSupportCases", Owner.Coordinator, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.Dispatch.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = $"regions/{Region}" })), "of the region"),
        new("ListSupportCases", Owner.Member2, StatusCode.PermissionDenied, false, _ => Task.FromResult<Call>(client =>
            client.Dispatch.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = DemoRota.Name(Region, 2) })), "of a member"),
        new("RecordContact", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var supportCase = await CaseOfMember2Async(app);
            return client => client.Dispatch.RecordContactAsync(new RecordContactRequest { SupportCase = supportCase.Name, ContactTime = supportCase.OpenTime });
        }),
        new("CloseSupportCase", Owner.Member2, StatusCode.PermissionDenied, false, async app =>
        {
            var supportCase = await CaseOfMember2Async(app);
            return client => client.Dispatch.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = CaseOutcome.Closed });
        }),
    ];

    public static TheoryData<string> Rows => [.. Table.Select(r => r.Label)];

    [Fact]
    public void The_table_covers_every_rpc_of_the_service() =>
        Assert.Equal(RotaClient.MethodNames.Concat(DispatchClient.MethodNames).Order(), Table.Select(r => r.Rpc).Distinct().Order());

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Without_a_token_every_rpc_is_unauthenticated(string row) =>
        await ExpectAsync(row, App.Anonymous, StatusCode.Unauthenticated);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task An_employee_is_denied_every_rpc_even_as_the_member_concerned(string row) =>
        await ExpectAsync(row, App.As(DemoRota.Id(Region, Concerned(Find(row).Owner)), Region, Roles.Employee), StatusCode.PermissionDenied);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_coordinator_of_another_region_is_denied_every_rpc_but_what_any_coordinator_may_do(string row) =>
        await ExpectAsync(row, App.Coordinator(OtherRegion), Find(row).AnyCoordinator ? StatusCode.OK : StatusCode.PermissionDenied);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_member_of_another_region_is_denied_every_rpc(string row) =>
        await ExpectAsync(row, App.Member(DemoRota.Id(OtherRegion, 3), OtherRegion), StatusCode.PermissionDenied);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_member_acting_for_another_member_gets_what_the_table_says(string row)
    {
        var entry = Find(row);
        // Members 2, 3 and 4 are the rightful members in the table; 5 is someone else of the region.
        var other = App.Member(DemoRota.Id(Region, entry.Owner == Owner.Member4 ? 6 : 5), Region);
        await ExpectAsync(row, other, entry.AnotherMember);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_system_reader_may_only_ask_who_is_on_call_and_read_regions(string row) =>
        await ExpectAsync(row, App.SystemReader, Find(row).SystemReader ? StatusCode.OK : StatusCode.PermissionDenied);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_token_with_a_wrong_region_claim_is_treated_as_another_region(string row) =>
        await ExpectAsync(row, App.As(DemoRota.Id(Region, 1), "utrecht", Roles.TcoCoordinator, Roles.TcoMember),
            Find(row).AnyCoordinator ? StatusCode.OK : StatusCode.PermissionDenied);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task The_rightful_caller_is_allowed(string row)
    {
        var entry = Find(row);
        var client = entry.Owner == Owner.Coordinator ? App.Coordinator(Region) : App.Member(DemoRota.Id(Region, Concerned(entry.Owner)), Region);
        await ExpectAsync(row, client, StatusCode.OK);
    }

    private async Task ExpectAsync(string row, RotaClient client, StatusCode expected)
    {
        var call = await Find(row).Prepare(App);
        if (expected == StatusCode.OK)
        {
            await call(client);
        }
        else
        {
            await Rpc.FailsAsync(expected, () => call(client));
        }
    }

    private static Row Find(string label) => Table.Single(r => r.Label == label);

    /// <summary>The member a row concerns: its rightful member, or (for the coordinator's rows) member 3.</summary>
    private static int Concerned(Owner owner) => owner switch
    {
        Owner.Member2 => 2,
        Owner.Member4 => 4,
        _ => 3,
    };

    /// <summary>
    /// A fresh routine dispatch from the control room, offered to member 2 (the on-call primary at the start).
    /// Member 2's open cases are closed first: the rows open a case each time they run, and at their cap (3)
    /// member 2 would be passed over.
    /// </summary>
    private static async Task<Dispatch> DispatchToMember2Async(PeerSupportApp app)
    {
        var member2 = app.Member(DemoRota.Id(Region, 2), Region).Dispatch;
        var open = await member2.ListSupportCasesAsync(new ListSupportCasesRequest { Parent = DemoRota.Name(Region, 2), OpenOnly = true, PageSize = 200 });
        foreach (var supportCase in open.SupportCases)
        {
            await member2.CloseSupportCaseAsync(new CloseSupportCaseRequest { Name = supportCase.Name, Outcome = CaseOutcome.Closed });
        }

        return Assert.Single((await app.ControlRoom(Region).RequestSupportAsync(
            SupportRequest(Region, app.Clock.GetCurrentInstant(), Urgency.Routine, MemberId("collega")))).Dispatches);
    }

    /// <summary>A fresh open case of member 2's.</summary>
    private static async Task<SupportCase> CaseOfMember2Async(PeerSupportApp app)
    {
        var dispatch = await DispatchToMember2Async(app);
        return (await app.Member(DemoRota.Id(Region, 2), Region).Dispatch.AcceptDispatchAsync(new AcceptDispatchRequest { Name = dispatch.Name })).SupportCase;
    }

    private static ListShiftsRequest Week(string parent) => new()
    {
        Parent = parent,
        StartTime = Ts(PeerSupportApp.Start),
        EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(7)),
    };

    private static Override LaterBackupCover() => new()
    {
        Schedule = ScheduleKind.Backup,
        Member = DemoRota.Name(Region, 4),
        StartTime = Ts(PeerSupportApp.Start + Duration.FromDays(60)),
        EndTime = Ts(PeerSupportApp.Start + Duration.FromDays(61)),
        Reason = "Cursus",
    };

    /// <summary>A fresh hour of member 3's primary week, so no two swaps (taken or not) meet.</summary>
    private static RequestShiftSwapRequest SwapOfAnHour()
    {
        var start = DemoRota.FirstHandoff + Duration.FromHours(Interlocked.Increment(ref _swapHour) % 160);
        return new RequestShiftSwapRequest
        {
            Parent = $"regions/{Region}",
            ShiftSwap = new ShiftSwap { Schedule = ScheduleKind.Primary, StartTime = Ts(start), EndTime = Ts(start + Duration.FromHours(1)) },
        };
    }

    private delegate Task Call(RotaClient client);

    public enum Owner
    {
        Coordinator,
        Member2,
        Member3,
        Member4,
    }

    /// <param name="Rpc">The RPC.</param>
    /// <param name="Owner">Who may make this call: the region's coordinator, or a member it concerns.</param>
    /// <param name="AnotherMember">What a member of the region who is not <paramref name="Owner"/> gets (OK: members may).</param>
    /// <param name="SystemReader">Whether <c>system:peer-support.read</c> may call it.</param>
    /// <param name="Prepare">Makes what the call needs and returns the call.</param>
    /// <param name="Case">Tells rows of the same RPC apart.</param>
    /// <param name="AnyCoordinator">Whether a coordinator of any region may make this call (not only amsterdam's).</param>
    private sealed record Row(string Rpc, Owner Owner, StatusCode AnotherMember, bool SystemReader, Func<PeerSupportApp, Task<Call>> Prepare,
        string? Case = null, bool AnyCoordinator = false)
    {
        public string Label => Case is null ? Rpc : $"{Rpc} ({Case})";
    }
}
