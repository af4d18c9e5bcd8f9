using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// What PeerSupport seeds in Development, and who calls it in the dispatch tests. Every region has members
/// demo-{region}-1..6 (teams "Team 1..3 {region}"), all certified; its member 1 is the coordinator; a
/// weekly primary rotation of members 1–3 and a backup rotation of 4–6, handing off Monday 09:00 local.
/// </summary>
public static class DemoRota
{
    public const string MemberPrefix = "members/";

    /// <summary>"amsterdam" for "regions/amsterdam".</summary>
    public static string Slug(string region) => region["regions/".Length..];

    /// <summary>The employee numbers of the region's six demo members.</summary>
    public static IReadOnlyList<string> Members(string region) => [.. Enumerable.Range(1, 6).Select(i => $"demo-{Slug(region)}-{i}")];

    /// <summary>The region's coordinator: its member 1.</summary>
    public static string Coordinator(string region) => $"demo-{Slug(region)}-1";

    /// <summary>A TCO member's token: their employee number as subject, their region (and coordinator role for member 1).</summary>
    public static Metadata MemberCaller(string memberId, string region) => Bearer(DevelopmentTokens.Mint(memberId,
        memberId == Coordinator(region) ? [Roles.TcoMember, Roles.TcoCoordinator] : [Roles.TcoMember], region: Slug(region)));

    /// <summary>The region's coordinator's token.</summary>
    public static Metadata CoordinatorCaller(string region) =>
        Bearer(DevelopmentTokens.Mint(Coordinator(region), [Roles.TcoCoordinator], region: Slug(region)));

    /// <summary>A control-room system that requests support; its subject is the source of the request.</summary>
    public static Metadata ControlRoom(string system) => Bearer(DevelopmentTokens.Mint(system, [Roles.SystemPeerSupportRequest]));

    /// <summary>A system that asks who is on call.</summary>
    public static Metadata SystemReader { get; } = Bearer(DevelopmentTokens.Mint("e2e-dispatch-reader", [Roles.SystemPeerSupportRead]));

    /// <summary>
    /// Who is primary and backup in <paramref name="region"/> now, with at least <paramref name="margin"/>
    /// before either shift ends; closer to the weekly handoff it waits for the handoff to pass first, so a
    /// test's chain of offers is not split by it.
    /// </summary>
    public static async Task<(string Primary, string Backup)> OnCallWellBeforeHandoffAsync(RotaService.RotaServiceClient rota, string region,
        TimeSpan margin, Func<string> details)
    {
        GetOnCallResponse onCall = null!;
        await Eventually.HoldsAsync(async () =>
        {
            onCall = await RetryAsync(() => rota.GetOnCallAsync(new GetOnCallRequest { Region = region }, SystemReader, Deadline).ResponseAsync);
            if (onCall.Primary is null || onCall.Backup is null)
            {
                Assert.Fail($"The demo rota has a primary and a backup on call in {region}: {onCall}{Environment.NewLine}{details()}");
            }

            var now = DateTimeOffset.UtcNow;
            return onCall.Primary.ShiftEndTime.ToDateTimeOffset() - now >= margin && onCall.Backup.ShiftEndTime.ToDateTimeOffset() - now >= margin;
        }, $"the primary and backup of {region} have at least {margin} of their shift left (the weekly handoff has passed)",
            margin + TimeSpan.FromMinutes(1), details);
        return (onCall.Primary.Member[MemberPrefix.Length..], onCall.Backup.Member[MemberPrefix.Length..]);
    }

    /// <summary>A deadline for every unary call.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    /// <summary>
    /// Calls <paramref name="call"/> until it does not fail with Unavailable (what the gateway answers while a
    /// restarted service is not healthy again, or the connection to it was just lost), for at most a minute.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.Unavailable && !deadline.IsCancellationRequested)
            {
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>The incident as a control room reports it: happened a few minutes ago.</summary>
    public static Timestamp OccurredMinutesAgo(int minutes) => Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-minutes));

    private static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };
}
