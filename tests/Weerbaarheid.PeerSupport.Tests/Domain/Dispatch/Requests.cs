using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Dispatch;
using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Tests.Domain.Dispatch;

/// <summary>A support request for "colleague" in Amsterdam, as the domain tests start dispatches with.</summary>
internal static class Requests
{
    public static readonly ColleagueDetails Colleague = new("colleague", "team-a", "06-12345678");

    public static SupportRequest For(Urgency urgency) =>
        new("meldkamer-amsterdam", Region.Amsterdam, "MK-AMS-1", Instant.FromUtc(2026, 6, 10, 11, 30), urgency, "Meldkamer Amsterdam", []);
}
