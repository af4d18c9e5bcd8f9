using Grpc.Core;
using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>
/// The TCO rota through the gateway, driven by certificate events on the broker, as SignalTraining will
/// publish them. PeerSupport runs in Development, so every region has the demo rota: members
/// demo-{region}-1..6, each certified by certificate demo-demo-{region}-N; a weekly primary rotation of
/// members 1–3 (one participant a week) and a backup rotation of 4–6, handing off Monday 09:00 local.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class RotaTests(Suite suite)
{
    private const string Region = "regions/limburg";
    private const string MemberPrefix = "members/";

    /// <summary>Certificate event → consumer → RotaChanged (outbox, broker) → coverage watch → CoverageGapDetected (outbox, broker).</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    /// <summary>Closer than this to the weekly handoff, the test lets the handoff pass first rather than race it.</summary>
    private static readonly TimeSpan HandoffMargin = TimeSpan.FromMinutes(1);

    /// <summary>A dispatch system asking who is on call.</summary>
    private static Metadata SystemReader => Samples.As(Roles.SystemPeerSupportRead);

    /// <summary>Limburg's demo coordinator (its member 1).</summary>
    private static Metadata Coordinator => new()
    {
        { "Authorization", $"Bearer {DevelopmentTokens.Mint("demo-limburg-1", [Roles.TcoCoordinator], region: "limburg")}" },
    };

    [Fact]
    public async Task Expiring_certificate_takes_the_member_off_call_and_raises_a_coverage_gap()
    {
        await using var listener = await RotaEventListener.StartAsync(suite.Broker.AmqpUrl);
        // An event published before PeerSupport's queues are bound would be dropped by the broker.
        await suite.PeerSupportConsumingAsync();
        string Details() => $"Rota events received:{Environment.NewLine}{listener.Received.Describe()}{Environment.NewLine}{suite.ServiceOutput}";

        // Who is primary depends on the week: ask rather than assume.
        var primary = await PrimaryWellBeforeHandoffAsync();
        var memberId = primary.Member[MemberPrefix.Length..];
        var shiftEnd = primary.ShiftEndTime.ToDateTimeOffset();
        Assert.Matches(@"^demo-limburg-[1-3]$", memberId);
        Assert.DoesNotContain(await GapsAsync(), g => g.Schedule == ScheduleKind.Primary);

        // SignalTraining withdraws the member's certificate as of now.
        var expiredAt = DateTimeOffset.UtcNow;
        await listener.PublishAsync(new CertificateExpired($"demo-{memberId}", memberId, CourseCodes.TcoBasicTraining, expiredAt));

        // Off call at once; the primary layer has one participant a week, so nobody takes over: a gap.
        GetOnCallResponse onCall = null!;
        await Eventually.HoldsAsync(async () => (onCall = await OnCallAsync()).Primary?.Member != primary.Member,
            $"GetOnCall for {Region} no longer returns {primary.Member} as primary", Propagation, Details);
        Assert.Null(onCall.Primary);
        Assert.NotNull(onCall.Backup);

        // The gap is reported on the broker: for the primary schedule, from now until the shift would have ended.
        await Eventually.HoldsAsync(() => listener.Received.Gaps(Region).Any(IsOpenPrimaryGap),
            $"CoverageGapDetected for the primary schedule of {Region} covering now arrives", Propagation, Details);
        var detected = listener.Received.Gaps(Region).First(IsOpenPrimaryGap);
        Assert.True(detected.StartTime >= expiredAt, $"The gap starts when the certificate ended or later, not at {detected.StartTime:O}.");
        Assert.Equal(shiftEnd, detected.EndTime);
        Assert.NotEqual("", detected.Cause);

        // The coordinator sees it too.
        var listed = Assert.Single(await GapsAsync(), g => g.Schedule == ScheduleKind.Primary);
        Assert.Equal(Region, listed.Region);
        Assert.True(listed.StartTime.ToDateTimeOffset() <= DateTimeOffset.UtcNow, "The listed gap has begun.");
        Assert.Equal(shiftEnd, listed.EndTime.ToDateTimeOffset());

        // Retrained: a new certificate, valid from now for two years, puts the member back on call.
        var issuedAt = DateTimeOffset.UtcNow;
        await listener.PublishAsync(new CertificateIssued($"e2e-{memberId}-{Guid.NewGuid().ToString("N")[..8]}", memberId,
            CourseCodes.TcoBasicTraining, issuedAt, issuedAt.AddYears(2)));
        await Eventually.HoldsAsync(async () => (onCall = await OnCallAsync()).Primary?.Member == primary.Member,
            $"GetOnCall for {Region} returns {primary.Member} as primary again", Propagation, Details);
        Assert.NotNull(onCall.Primary);
        Assert.Equal(shiftEnd, onCall.Primary.ShiftEndTime.ToDateTimeOffset());
        Assert.DoesNotContain(await GapsAsync(), g => g.Schedule == ScheduleKind.Primary);
    }

    private static bool IsOpenPrimaryGap(CoverageGapDetected gap)
    {
        var now = DateTimeOffset.UtcNow;
        return gap.Schedule == "PRIMARY" && gap.StartTime <= now && now < gap.EndTime;
    }

    private async Task<GetOnCallResponse> OnCallAsync() =>
        await suite.Rota.GetOnCallAsync(new GetOnCallRequest { Region = Region }, SystemReader, Samples.Deadline);

    private async Task<IReadOnlyList<CoverageGap>> GapsAsync() =>
        (await suite.Rota.ListCoverageGapsAsync(new ListCoverageGapsRequest { Region = Region }, Coordinator, Samples.Deadline)).Gaps;

    /// <summary>The primary on call now, with at least <see cref="HandoffMargin"/> of their shift left.</summary>
    private async Task<OnCallMember> PrimaryWellBeforeHandoffAsync()
    {
        var primary = (await OnCallAsync()).Primary;
        if (primary is null)
        {
            Assert.Fail($"The demo rota has a primary on call in {Region}.{Environment.NewLine}{suite.ServiceOutput}");
        }

        if (primary.ShiftEndTime.ToDateTimeOffset() - DateTimeOffset.UtcNow >= HandoffMargin)
        {
            return primary;
        }

        await Eventually.HoldsAsync(async () => (await OnCallAsync()).Primary is { } next && next.Member != primary.Member,
            $"the weekly handoff from {primary.Member} has passed", HandoffMargin + TimeSpan.FromSeconds(30), () => suite.ServiceOutput);
        return (await OnCallAsync()).Primary ?? throw new InvalidOperationException($"Nobody took over from {primary.Member} at the handoff.");
    }
}
