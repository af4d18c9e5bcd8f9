using NodaTime;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Coverage;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CertificateCoverageTests
{
    private static readonly Instant Now = Instant.FromUtc(2025, 6, 1, 12, 0);
    private static readonly Duration Window = Duration.FromDays(90);
    private static readonly Duration Validity = Duration.FromDays(1095);

    /// <summary>A signal-training certificate of <paramref name="employeeId"/> valid until <paramref name="validUntil"/>.</summary>
    private static Certificate ValidUntil(string employeeId, Instant validUntil) =>
        Certificate.Issue(SignalCourse, "groep-1", employeeId, $"cert-{employeeId}-{validUntil.ToUnixTimeTicks()}", validUntil - Validity);

    [Fact]
    public void Each_unit_counts_its_managers_the_certified_ones_and_those_expiring_soon()
    {
        UnitManager[] roster =
        [
            new("rotterdam", "m1"),
            new("amsterdam", "m1"),
            new("amsterdam", "m2"),
            new("amsterdam", "m3"),
            new("amsterdam", "m1"),
            new("rotterdam", "m4"),
            new("rotterdam", "m5"),
        ];
        Certificate[] certificates =
        [
            ValidUntil("m1", Now + Duration.FromDays(400)),
            ValidUntil("m2", Now + Duration.FromDays(30)),
            ValidUntil("m3", Now - Duration.FromDays(1)),
            Certificate.Issue(SignalCourse, "groep-9", "m4", "cert-future", Now + Duration.FromDays(1)),
            ValidUntil("m5", Now + Duration.FromDays(89)),
            ValidUntil("not-on-the-roster", Now + Duration.FromDays(300)),
        ];

        var coverage = CertificateCoverage.Of(roster, certificates, Now, Window);

        Assert.Equal(
            [
                new UnitCoverage("amsterdam", Managers: 3, Certified: 2, Expiring: 1),
                new UnitCoverage("rotterdam", Managers: 3, Certified: 2, Expiring: 1),
            ],
            coverage);
        Assert.Equal(2.0 / 3, coverage[0].Share, 10);
    }

    [Fact]
    public void A_manager_with_several_certificates_counts_once_by_the_longest_valid()
    {
        UnitManager[] roster = [new("amsterdam", "m1")];
        Certificate[] certificates =
        [
            ValidUntil("m1", Now + Duration.FromDays(10)),
            ValidUntil("m1", Now + Duration.FromDays(700)),
        ];

        var unit = Assert.Single(CertificateCoverage.Of(roster, certificates, Now, Window));

        Assert.Equal(new UnitCoverage("amsterdam", 1, 1, 0), unit);
        Assert.Equal(1.0, unit.Share);
    }

    [Fact]
    public void A_certificate_ending_exactly_at_the_end_of_the_window_is_not_expiring()
    {
        UnitManager[] roster = [new("amsterdam", "at-end"), new("amsterdam", "just-before")];
        Certificate[] certificates =
        [
            ValidUntil("at-end", Now + Window),
            ValidUntil("just-before", Now + Window - Duration.Epsilon),
        ];

        var unit = Assert.Single(CertificateCoverage.Of(roster, certificates, Now, Window));

        Assert.Equal(new UnitCoverage("amsterdam", 2, 2, 1), unit);
    }

    [Fact]
    public void A_certificate_ending_now_no_longer_counts()
    {
        UnitManager[] roster = [new("amsterdam", "m1")];

        var unit = Assert.Single(CertificateCoverage.Of(roster, [ValidUntil("m1", Now)], Now, Window));

        Assert.Equal(new UnitCoverage("amsterdam", 1, 0, 0), unit);
        Assert.Equal(0.0, unit.Share);
    }

    [Fact]
    public void A_unit_without_certificates_has_a_share_of_zero()
    {
        var unit = Assert.Single(CertificateCoverage.Of([new UnitManager("limburg", "m1")], [], Now, Window));

        Assert.Equal(new UnitCoverage("limburg", 1, 0, 0), unit);
    }

    [Fact]
    public void The_share_of_a_unit_without_managers_is_zero_not_a_division_by_zero()
    {
        Assert.Equal(0.0, new UnitCoverage("zeeland-west-brabant", 0, 0, 0).Share);
        Assert.Equal(0.25, new UnitCoverage("zeeland-west-brabant", 4, 1, 0).Share);
    }

    [Fact]
    public void An_empty_roster_has_no_units()
    {
        Assert.Empty(CertificateCoverage.Of([], [ValidUntil("m1", Now + Window)], Now, Window));
    }

    [Fact]
    public void A_unit_name_parses_back_into_its_id()
    {
        Assert.Equal("units/oost-brabant", UnitManager.NameOf("oost-brabant"));
        Assert.Equal("oost-brabant", UnitManager.ParseUnit("units/oost-brabant"));
        Assert.Null(UnitManager.ParseUnit(null));
        Assert.Null(UnitManager.ParseUnit("units/"));
        Assert.Null(UnitManager.ParseUnit("units/Oost-Brabant"));
        Assert.Null(UnitManager.ParseUnit("unit/oost-brabant"));
        Assert.Null(UnitManager.ParseUnit("units/oost-brabant/managers"));
    }
}
