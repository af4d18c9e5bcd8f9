using Grpc.Core;
using Weerbaarheid.Offerings.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.Testing;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;

namespace Weerbaarheid.Offerings.Tests.Grpc;

/// <summary>Writes need the programme-admin role; reads are open to everyone, with or without a token.</summary>
[Collection(EditedCatalogue.Name)]
public sealed class AuthorizationTests(OfferingsHost host)
{
    private OfferingsApp App => host.App;

    public static TheoryData<string> WriteRpcs => new() { "CreateOffering", "UpdateOffering", "RetireOffering" };

    /// <summary>A valid call of <paramref name="rpc"/> on an offering of its own, so only the caller's rights decide.</summary>
    private async Task<Func<OfferingsClient, Task>> ValidCallAsync(string rpc)
    {
        var existing = (await App.Admin.CreateOfferingAsync(new CreateOfferingRequest
        {
            OfferingId = Samples.Slug("rechten"),
            Offering = Samples.Proto(),
        })).Offering;

        return rpc switch
        {
            "CreateOffering" => client => client.CreateOfferingAsync(new CreateOfferingRequest { OfferingId = Samples.Slug("rechten"), Offering = Samples.Proto() }),
            "UpdateOffering" => client =>
            {
                var change = existing.Clone();
                change.Provider = "Iemand zonder rechten";
                return client.UpdateOfferingAsync(new UpdateOfferingRequest { Offering = change, UpdateMask = new FieldMask { Paths = { "provider" } } });
            }
            ,
            "RetireOffering" => client => client.RetireOfferingAsync(new RetireOfferingRequest { Name = existing.Name, Etag = existing.Etag }),
            _ => throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null),
        };
    }

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task A_write_without_a_token_is_unauthenticated(string rpc)
    {
        var call = await ValidCallAsync(rpc);
        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => call(App.Anonymous));
    }

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task A_write_with_an_expired_token_is_unauthenticated(string rpc)
    {
        var call = await ValidCallAsync(rpc);
        var expired = new OfferingsClient(
            App.Anonymous.Invoker,
            DevelopmentTokens.Mint("admin-2", [Roles.ProgrammeAdmin], TimeSpan.FromMinutes(5), DateTime.UtcNow.AddHours(-1)));

        await Rpc.FailsAsync(StatusCode.Unauthenticated, () => call(expired));
    }

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task A_write_by_an_employee_is_permission_denied(string rpc)
    {
        var call = await ValidCallAsync(rpc);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => call(App.As("employee-1", Roles.Employee)));
    }

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task A_write_by_any_other_role_is_permission_denied(string rpc)
    {
        var call = await ValidCallAsync(rpc);
        var others = Roles.All.Where(role => role != Roles.ProgrammeAdmin).ToArray();
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => call(App.As("everyone-but-admin", others)));
    }

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task A_write_by_a_programme_admin_is_allowed(string rpc)
    {
        var call = await ValidCallAsync(rpc);
        await call(App.As("admin-3", Roles.Employee, Roles.ProgrammeAdmin));
    }

    [Fact]
    public async Task Reads_work_without_a_token()
    {
        var client = App.Anonymous;

        Assert.NotNull((await client.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/loket-24-7" })).Offering);
        Assert.NotEmpty((await client.ListOfferingsAsync(new ListOfferingsRequest())).Offerings);
        Assert.NotEmpty((await client.RecommendOfferingsAsync(new RecommendOfferingsRequest { Severity = Severity.Mild })).Recommendations);
    }

    [Fact]
    public async Task Reads_work_with_an_employee_token()
    {
        var client = App.As("employee-2", Roles.Employee);

        Assert.NotNull((await client.GetOfferingAsync(new GetOfferingRequest { Name = "offerings/loket-24-7" })).Offering);
        Assert.NotEmpty((await client.ListOfferingsAsync(new ListOfferingsRequest())).Offerings);
        Assert.NotEmpty((await client.RecommendOfferingsAsync(new RecommendOfferingsRequest { Severity = Severity.Mild })).Recommendations);
    }
}
