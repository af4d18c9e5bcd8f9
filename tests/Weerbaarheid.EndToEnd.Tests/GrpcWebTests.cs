using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// gRPC-Web, as a browser speaks it: HTTP/1.1 to the gateway's public port, which turns it into gRPC for
/// the service. Both wire formats (binary and base64 text), a unary call and a live server stream.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class GrpcWebTests(Suite suite)
{
    private const string Region = "regions/zeeland-west-brabant";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(GrpcWebMode.GrpcWeb)]
    [InlineData(GrpcWebMode.GrpcWebText)]
    public async Task Browser_protocol_reaches_the_service_for_unary_calls_and_live_streams(GrpcWebMode mode)
    {
        await using var deployment = await suite.StartPeerSupportAsync(new PeerSupportDeploymentOptions
        {
            Settings = new Dictionary<string, string> { ["PeerSupport__Dispatch__HeartbeatInterval"] = "00:00:01" },
        });
        string Details() => deployment.Output;
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{deployment.GatewayHttpPort}", new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(mode, new HttpClientHandler()),
            HttpVersion = new Version(1, 1),
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var rota = new RotaService.RotaServiceClient(channel);
        var dispatch = new DispatchService.DispatchServiceClient(channel);

        // Unary, and the gateway's auth rule holds for gRPC-Web as for gRPC.
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            rota.GetOnCallAsync(new GetOnCallRequest { Region = Region }, deadline: DemoRota.Deadline).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, denied.StatusCode);
        var (primary, _) = await DemoRota.OnCallWellBeforeHandoffAsync(rota, Region, TimeSpan.FromMinutes(2), Details);

        // A status other than OK comes back in the gRPC-Web trailers, with its details.
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            rota.GetOnCallAsync(new GetOnCallRequest { Region = "nowhere" }, DemoRota.SystemReader, DemoRota.Deadline).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);

        // A live server stream over gRPC-Web: the member watches, the control room asks (over gRPC), the offer arrives.
        await using var stream = await OfferStream.ConnectAsync(dispatch, primary, DemoRota.MemberCaller(primary, Region), "", Arrival, Details);
        var requested = await deployment.Dispatch.RequestSupportAsync(new RequestSupportRequest
        {
            Region = Region,
            IncidentReference = $"MK-ZWB-WEB-{Guid.NewGuid().ToString("N")[..8]}",
            OccurredAt = DemoRota.OccurredMinutesAgo(5),
            Colleagues = { new Colleague { EmployeeId = "e2e-web-colleague", Contact = "Jan Jansen, 06-12345678" } },
            Urgency = Urgency.Immediate,
            Requester = "Meldkamer Zeeland-West-Brabant",
        }, DemoRota.ControlRoom("e2e-meldkamer-zwb"), DemoRota.Deadline);
        var name = Assert.Single(requested.Dispatches).Name;

        var offer = await stream.OfferAsync(name, 1, Arrival, Details);
        Assert.Equal("e2e-web-colleague", offer.Colleague.EmployeeId);
    }
}
