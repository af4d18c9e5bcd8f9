using Grpc.Core;
using Weerbaarheid.SelfTest.Tests.Infrastructure;
using Weerbaarheid.SelfTest.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SelfTest.Tests.Grpc;

/// <summary>
/// Who may call what, one row per RPC of SelfTestService: the self-test is anonymous by design, the figures
/// are for programme-admin only. The table must name every RPC in the contract, so a new one cannot be
/// added without deciding its rule here.
/// </summary>
public sealed class AuthorizationTests(SelfTestHost host) : IClassFixture<SelfTestHost>
{
    /// <summary>A valid call; <c>finished</c> is the token of a self-test finished just before.</summary>
    private delegate Task Call(SelfTestClient client, string finished);

    private static readonly Dictionary<string, (bool Anonymous, Call Call)> Table = new()
    {
        ["ListInstruments"] = (true, (c, _) => c.ListInstrumentsAsync(new ListInstrumentsRequest())),
        ["GetInstrument"] = (true, (c, _) => c.GetInstrumentAsync(new GetInstrumentRequest { Name = "instruments/phq-9" })),
        ["StartSelfTest"] = (true, (c, _) => c.StartSelfTestAsync(new StartSelfTestRequest { Instrument = "instruments/who-5" })),
        ["SubmitAnswers"] = (true, async (c, _) => await c.SubmitAsync(await c.StartAsync("who-5"), Sheet.Items(3))),
        ["GetResult"] = (true, (c, token) => c.ResultAsync(token)),
        ["DeleteSelfTest"] = (true, (c, token) => c.DeleteSelfTestAsync(new DeleteSelfTestRequest { Token = token })),
        ["GetCompletionStatistics"] = (false, (c, _) => c.GetCompletionStatisticsAsync(
            new GetCompletionStatisticsRequest { FromWeek = SelfTestApp.StartWeek, ToWeek = SelfTestApp.StartWeek })),
    };

    private SelfTestApp App => host.App;

    [Fact]
    public void The_table_names_every_rpc_of_the_contract()
    {
        Assert.Equal(
            SelfTestService.Descriptor.Methods.Select(m => m.Name).Order(StringComparer.Ordinal),
            Table.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task Each_rpc_answers_only_the_callers_its_rule_allows(string rpc)
    {
        var (anonymous, call) = Table[rpc];
        if (anonymous)
        {
            // No account is needed, and a token changes nothing: the service never looks at who calls.
            await call(App.Anonymous, await App.Anonymous.CompleteAsync("who-5", 3, 3, 3, 3, 3));
            await call(App.As("medewerker", Roles.Employee), await App.Anonymous.CompleteAsync("who-5", 3, 3, 3, 3, 3));
            return;
        }

        var token = await App.Anonymous.CompleteAsync("who-5", 3, 3, 3, 3, 3);
        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => call(App.Anonymous, token));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => call(App.As("medewerker", Roles.Employee), token));
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => call(App.As("coordinator", Roles.TcoCoordinator), token));
        await call(App.ProgrammeAdmin, token);
    }

    public static TheoryData<string> Rpcs => new(Table.Keys);
}
