using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;

namespace Weerbaarheid.PeerSupport.Tests.Infrastructure;

/// <summary>
/// The callers and the background rounds the dispatch tests need: the control room that asks for support,
/// who is on call at the fake clock's time, and the deadline and retention rounds of <see cref="DispatchStore"/>
/// (which the background jobs run in production; tests run them by hand).
/// </summary>
public static class Dispatching
{
    /// <summary>The incident system of <paramref name="region"/>'s control room (<c>system:peer-support.request</c>).</summary>
    public static DispatchClient ControlRoom(this PeerSupportApp app, string region) =>
        app.As($"meldkamer-{region}", null, Roles.SystemPeerSupportRequest).Dispatch;

    /// <summary>The TCO member named <paramref name="memberName"/> (<c>members/{id}</c>) of <paramref name="region"/>.</summary>
    public static DispatchClient MemberNamed(this PeerSupportApp app, string memberName, string region) =>
        app.Member(memberName["members/".Length..], region).Dispatch;

    /// <summary>Who is on call in <paramref name="region"/> now, by the fake clock, as GetOnCall says.</summary>
    public static async Task<GetOnCallResponse> OnCallAsync(this PeerSupportApp app, string region) =>
        await app.Coordinator(region).GetOnCallAsync(new GetOnCallRequest { Region = $"regions/{region}" });

    /// <summary>Every dispatch as its region's coordinator sees it: every offer and every choice.</summary>
    public static async Task<Dispatch> AsCoordinatorSeesAsync(this PeerSupportApp app, Dispatch dispatch) =>
        (await app.Coordinator(dispatch.Region["regions/".Length..]).Dispatch.GetDispatchAsync(new GetDispatchRequest { Name = dispatch.Name })).Dispatch;

    /// <summary>
    /// A request in landelijke-eenheid, which leans on midden-nederland alone, for which only the on-call
    /// primary is left: everyone else of both regions was involved in the incident (the coordinator is kept for
    /// escalation anyway). Once the primary declines or lets it expire, the coordinator is alerted.
    /// </summary>
    public static async Task<(RequestSupportRequest Request, GetOnCallResponse OnCall)> OnlyThePrimaryLeftAsync(this PeerSupportApp app,
        Urgency urgency)
    {
        const string region = "landelijke-eenheid";
        var onCall = await app.OnCallAsync(region);
        var request = SupportRequest(region, app.Clock.GetCurrentInstant(), urgency, MemberId("collega"));
        request.InvolvedMembers.AddRange(Enumerable.Range(2, 5).Select(n => DemoRota.Name(region, n)).Where(m => m != onCall.Primary.Member));
        request.InvolvedMembers.AddRange(Enumerable.Range(1, 6).Select(n => DemoRota.Name("midden-nederland", n)));
        return (request, onCall);
    }

    public static Task<int> ExpireDueOffersAsync(this PeerSupportApp app) =>
        app.InScopeAsync<DispatchStore, int>(store => store.ExpireDueOffersAsync(CancellationToken.None));

    public static Task<int> AnnounceCaseDeadlinesAsync(this PeerSupportApp app) =>
        app.InScopeAsync<DispatchStore, int>(store => store.AnnounceCaseDeadlinesAsync(CancellationToken.None));

    public static Task<int> AnonymiseExpiredAsync(this PeerSupportApp app) =>
        app.InScopeAsync<DispatchStore, int>(store => store.AnonymiseExpiredAsync(CancellationToken.None));

    /// <summary>The id in <c>supportCases/{id}</c> or <c>dispatches/{id}</c>, as the database keys it.</summary>
    public static Guid IdOf(string name) => Guid.ParseExact(name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..], "N");
}
