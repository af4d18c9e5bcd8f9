using Grpc.Core;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Guidance;

/// <summary>
/// Who may call what, one row per RPC of SignalGuidanceService: the guidance is for managers only. The table
/// must name every RPC in the contract, so a new one cannot be added without deciding its rule here.
/// </summary>
public sealed class GuidanceAuthorizationTests(SignalTrainingHost host) : IClassFixture<SignalTrainingHost>
{
    private static readonly Dictionary<string, Func<GuidanceClient, Task>> Table = new()
    {
        ["ListSignals"] = c => c.ListSignalsAsync(new ListSignalsRequest()),
        ["GetSignalGuidance"] = c => c.GuideAsync(Signal.Irritability, Signal.SleepProblems),
    };

    /// <summary>Every role but manager, each signed in on its own.</summary>
    private static readonly string[] OtherRoles = [.. Roles.All.Where(r => r != Roles.Manager)];

    private SignalTrainingApp App => host.App;

    public static TheoryData<string> Rpcs => new(Table.Keys);

    [Fact]
    public void The_table_names_every_rpc_of_the_contract()
    {
        Assert.Equal(
            SignalGuidanceService.Descriptor.Methods.Select(m => m.Name).Order(StringComparer.Ordinal),
            Table.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task Without_a_token_the_call_is_unauthenticated(string rpc)
    {
        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => Table[rpc](GuidanceClient.Anonymous(App)));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task An_employee_or_a_trainer_is_refused(string rpc)
    {
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => Table[rpc](GuidanceClient.As(App, "medewerker", Roles.Employee)));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => Table[rpc](GuidanceClient.As(App, "trainer", Roles.Trainer)));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task Every_role_but_manager_is_refused(string rpc)
    {
        foreach (var role in OtherRoles)
        {
            await Rpc.FailsAsync(StatusCode.PermissionDenied, () => Table[rpc](GuidanceClient.As(App, $"iemand-{role}", role)));
        }
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_manager_is_answered_also_when_the_token_carries_other_roles_too(string rpc)
    {
        await Table[rpc](GuidanceClient.Manager(App));
        await Table[rpc](GuidanceClient.As(App, "leidinggevende-en-tco", Roles.Employee, Roles.Manager, Roles.TcoMember));
    }
}
