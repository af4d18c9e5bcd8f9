using Weerbaarheid.Contracts.PeerSupport;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.PeerSupport.Scheduling;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Duration = NodaTime.Duration;
using Instant = NodaTime.Instant;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// CoverageGapDetected from <see cref="CoverageWatch"/> (14 days ahead, the default), when time alone brings a
/// gap into view: limburg's member 3 (<see cref="DemoRota"/>, primary every third week) loses their certificate
/// on 12 April, so their week from Monday 13 April is a gap. The clock only moves forward, so this class is one
/// scenario on a host of its own.
/// </summary>
public sealed class CoverageWatchTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private static readonly Instant GapStart = Instant.FromUtc(2026, 4, 13, 7, 0);

    private PeerSupportApp App => host.App;

    private Task<int> CheckAsync() =>
        App.InScopeAsync<CoverageWatch, int>(watch => watch.CheckAsync(Region.Limburg, "time passed", CancellationToken.None));

    private IReadOnlyList<CoverageGapDetected> LimburgGaps() => App.PublishedSoFar<CoverageGapDetected>(e => e.Region == "regions/limburg");

    [Fact]
    public async Task A_new_gap_is_reported_once_when_it_comes_into_view_and_not_again()
    {
        await App.PublishAsync(new CertificateExpired(DemoRota.CertificateId("limburg", 3), DemoRota.Id("limburg", 3),
            CourseCodes.TcoBasicTraining, Instant.FromUtc(2026, 4, 12, 0, 0).ToDateTimeOffset()));

        // The RotaChanged of the expiry made the service look 14 days ahead: no gap yet.
        Assert.Empty(LimburgGaps());
        Assert.Equal(0, await CheckAsync());

        // Eight days later the horizon (14 days) reaches past the start of the gap.
        App.Clock.AdvanceDays(8);
        Assert.Equal(1, await CheckAsync());
        await App.SettledAsync();
        var gap = Assert.Single(LimburgGaps());
        Assert.Equal("PRIMARY", gap.Schedule);
        Assert.Equal(GapStart.ToDateTimeOffset(), gap.StartTime);
        Assert.Equal((App.Clock.GetCurrentInstant() + Duration.FromDays(14)).ToDateTimeOffset(), gap.EndTime);
        Assert.Equal("time passed", gap.Cause);
        Assert.Equal(App.Clock.GetCurrentInstant().ToDateTimeOffset(), gap.DetectedAt);

        // The same gap, seen again and seen longer a day later, is not new.
        Assert.Equal(0, await CheckAsync());
        App.Clock.AdvanceDays(1);
        Assert.Equal(0, await CheckAsync());
        await App.SettledAsync();
        Assert.Single(LimburgGaps());
        Assert.Empty(App.PublishedSoFar<CoverageGapDetected>(e => e.Region != "regions/limburg"));

        // A new certificate closes the gap, and the closed gap is forgotten: when the new certificate is
        // withdrawn too, the gap that opens again is reported again (by the check after that change).
        var renewed = new CertificateIssued("limburg-3-herhaling", DemoRota.Id("limburg", 3), CourseCodes.TcoBasicTraining,
            App.Clock.GetCurrentInstant().ToDateTimeOffset(), (App.Clock.GetCurrentInstant() + Duration.FromDays(365)).ToDateTimeOffset());
        await App.PublishAsync(renewed);
        Assert.Single(LimburgGaps());
        await App.PublishAsync(new CertificateExpired(renewed.CertificateId, renewed.EmployeeId, CourseCodes.TcoBasicTraining,
            renewed.ValidFrom));
        Assert.Equal(2, LimburgGaps().Count);
        Assert.Contains("certificate expired", LimburgGaps()[1].Cause, StringComparison.Ordinal);
    }
}
