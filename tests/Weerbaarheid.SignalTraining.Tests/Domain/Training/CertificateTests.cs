using NodaTime;
using Weerbaarheid.SignalTraining.Domain.Certificates;
using Weerbaarheid.SignalTraining.Domain.Courses;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CertificateTests
{
    private static readonly Instant IssuedAt = Instant.FromUtc(2024, 3, 1, 10, 0);
    private static readonly Duration Tick = Duration.Epsilon;

    private static Certificate Issue(Course course) => Certificate.Issue(course, "2024-groep-1", "123456", "cert-1", IssuedAt);

    [Fact]
    public void A_signal_training_certificate_is_valid_for_1095_days_with_the_refresher_due_60_days_before()
    {
        var certificate = Issue(SignalCourse);

        Assert.Equal(IssuedAt, certificate.ValidFrom);
        Assert.Equal(Instant.FromUtc(2027, 3, 1, 10, 0), certificate.ValidUntil);
        Assert.Equal(Instant.FromUtc(2026, 12, 31, 10, 0), certificate.RefresherDueAt);
        Assert.Null(certificate.RefresherAnnouncedAt);
        Assert.Null(certificate.ExpiryAnnouncedAt);
        Assert.Equal("certificates/cert-1", certificate.Name);
        Assert.Equal("courses/signal-training/cohorts/2024-groep-1", certificate.CohortName);
        Assert.Equal("123456", certificate.EmployeeId);
        Assert.Equal("signal-training", certificate.CourseCode);
    }

    [Fact]
    public void A_tco_basic_training_certificate_is_valid_for_730_days()
    {
        var certificate = Issue(TcoBasic);

        Assert.Equal(Instant.FromUtc(2026, 3, 1, 10, 0), certificate.ValidUntil);
        Assert.Equal(Instant.FromUtc(2025, 12, 31, 10, 0), certificate.RefresherDueAt);
    }

    [Fact]
    public void A_course_without_refresher_has_no_refresher_date()
    {
        var certificate = Issue(TightSpot);

        Assert.Equal(Duration.Zero, TightSpot.RefresherLead);
        Assert.Equal(Instant.FromUtc(2027, 3, 1, 10, 0), certificate.ValidUntil);
        Assert.Null(certificate.RefresherDueAt);
        Assert.False(certificate.AnnounceRefresher(certificate.ValidUntil - Duration.FromDays(1)));
        Assert.Null(certificate.RefresherAnnouncedAt);
    }

    [Fact]
    public void Configured_validity_and_lead_set_the_dates()
    {
        var course = TcoBasic with { ValidityOverride = Duration.FromDays(10), RefresherLeadOverride = Duration.FromHours(36) };

        var certificate = Issue(course);

        Assert.Equal(Instant.FromUtc(2024, 3, 11, 10, 0), certificate.ValidUntil);
        Assert.Equal(Instant.FromUtc(2024, 3, 9, 22, 0), certificate.RefresherDueAt);
    }

    [Fact]
    public void A_certificate_is_valid_from_issue_until_but_not_including_its_end()
    {
        var certificate = Issue(SignalCourse);

        Assert.False(certificate.IsValidAt(IssuedAt - Tick));
        Assert.True(certificate.IsValidAt(IssuedAt));
        Assert.True(certificate.IsValidAt(certificate.ValidUntil - Tick));
        Assert.False(certificate.IsValidAt(certificate.ValidUntil));
        Assert.False(certificate.IsValidAt(certificate.ValidUntil + Duration.FromDays(1)));
    }

    [Fact]
    public void The_refresher_is_announced_once_from_its_due_date()
    {
        var certificate = Issue(SignalCourse);
        var due = certificate.RefresherDueAt!.Value;

        Assert.False(certificate.AnnounceRefresher(due - Tick));
        Assert.Null(certificate.RefresherAnnouncedAt);

        Assert.True(certificate.AnnounceRefresher(due));
        Assert.Equal(due, certificate.RefresherAnnouncedAt);

        Assert.False(certificate.AnnounceRefresher(due + Duration.FromDays(1)));
        Assert.Equal(due, certificate.RefresherAnnouncedAt);
    }

    [Fact]
    public void A_refresher_announced_late_is_stamped_when_announced()
    {
        var certificate = Issue(SignalCourse);
        var late = certificate.RefresherDueAt!.Value + Duration.FromDays(2);

        Assert.True(certificate.AnnounceRefresher(late));
        Assert.Equal(late, certificate.RefresherAnnouncedAt);
    }

    [Fact]
    public void No_refresher_is_announced_after_the_expiry_was()
    {
        var certificate = Issue(SignalCourse);
        Assert.True(certificate.AnnounceExpiry(certificate.ValidUntil));

        Assert.False(certificate.AnnounceRefresher(certificate.ValidUntil + Duration.FromDays(1)));
        Assert.Null(certificate.RefresherAnnouncedAt);
    }

    [Fact]
    public void The_expiry_is_announced_once_from_the_end_of_validity()
    {
        var certificate = Issue(SignalCourse);
        var end = certificate.ValidUntil;

        Assert.False(certificate.AnnounceExpiry(end - Tick));
        Assert.Null(certificate.ExpiryAnnouncedAt);

        Assert.True(certificate.AnnounceExpiry(end));
        Assert.Equal(end, certificate.ExpiryAnnouncedAt);

        Assert.False(certificate.AnnounceExpiry(end + Duration.FromDays(30)));
        Assert.Equal(end, certificate.ExpiryAnnouncedAt);
    }

    [Fact]
    public void The_expiry_is_announced_also_for_a_course_without_refresher_and_after_a_refresher()
    {
        var tightSpot = Issue(TightSpot);
        var signal = Issue(SignalCourse);
        Assert.True(signal.AnnounceRefresher(signal.RefresherDueAt!.Value));

        Assert.True(tightSpot.AnnounceExpiry(tightSpot.ValidUntil));
        Assert.True(signal.AnnounceExpiry(signal.ValidUntil + Duration.FromHours(1)));
        Assert.Equal(signal.ValidUntil + Duration.FromHours(1), signal.ExpiryAnnouncedAt);
    }
}
