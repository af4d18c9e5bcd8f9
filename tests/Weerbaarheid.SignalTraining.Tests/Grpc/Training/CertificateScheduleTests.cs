using NodaTime;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Training;

/// <summary>
/// The durable certificate scheduler: RefresherDue some weeks before a certificate expires and
/// CertificateExpired when it does, each published once however often the scheduler runs, and the coverage
/// figures built on certificates and the unit roster.
/// </summary>
public sealed class CertificateScheduleTests : IClassFixture<SignalTrainingHost>
{
    private readonly SignalTrainingApp _app;
    private readonly Infrastructure.Training _training;

    public CertificateScheduleTests(SignalTrainingHost host)
    {
        _app = host.App;
        _app.Clock.Reset(SignalTrainingApp.Start);
        _training = new Infrastructure.Training(_app);
    }

    [Fact]
    public async Task A_TCO_certificate_announces_its_refresher_and_then_its_expiry_each_once()
    {
        var certificate = await CertifyAsync("tco-basic-training", "900001", _training.Employee("900001"), Infrastructure.Training.SelectedForTco);
        var validUntil = Instant.FromDateTimeOffset(certificate.ValidUntil.ToDateTimeOffset());

        _app.Clock.Reset(validUntil - Duration.FromDays(60) - Duration.FromMinutes(1));
        Assert.Equal((0, 0), await AnnounceAsync());

        _app.Clock.Reset(validUntil - Duration.FromDays(60));
        Assert.Equal((1, 0), await AnnounceAsync());
        Assert.Equal((0, 0), await AnnounceAsync());

        _app.Clock.Reset(validUntil);
        Assert.Equal((0, 1), await AnnounceAsync());
        Assert.Equal((0, 0), await AnnounceAsync());

        await _app.SettledAsync();
        var due = Assert.Single(_app.PublishedSoFar<RefresherDue>(e => e.EmployeeId == "900001"));
        var expired = Assert.Single(_app.PublishedSoFar<CertificateExpired>(e => e.EmployeeId == "900001"));
        Assert.Equal((CourseCodes.TcoBasicTraining, certificate.ValidUntil.ToDateTimeOffset()), (due.CourseCode, due.ValidUntil));
        Assert.Equal((due.CertificateId, certificate.ValidUntil.ToDateTimeOffset()), (expired.CertificateId, expired.ExpiredAt));
        Assert.Equal(CertificateState.Expired,
            (await _training.Employee("900001").GetCertificateAsync(new GetCertificateRequest { Name = certificate.Name })).Certificate.State);
    }

    [Fact]
    public async Task A_scheduler_that_was_down_past_both_dates_announces_only_the_expiry()
    {
        var certificate = await CertifyAsync("tco-basic-training", "900002", _training.Employee("900002"), Infrastructure.Training.SelectedForTco);

        _app.Clock.Reset(Instant.FromDateTimeOffset(certificate.ValidUntil.ToDateTimeOffset()) + Duration.FromDays(3));
        await AnnounceAsync();

        await _app.SettledAsync();
        Assert.DoesNotContain(_app.PublishedSoFar<RefresherDue>(), e => e.EmployeeId == "900002");
        Assert.Single(_app.PublishedSoFar<CertificateExpired>(e => e.EmployeeId == "900002"));
    }

    [Fact]
    public async Task Coverage_counts_the_managers_of_each_unit_with_a_valid_signal_training_certificate()
    {
        await _training.ProgrammeAdmin.SetUnitManagersAsync(new SetUnitManagersRequest { Unit = "units/limburg", ManagerIds = { "m-limburg-1", "m-limburg-2", "m-limburg-3", "m-limburg-4" } });
        await _training.ProgrammeAdmin.SetUnitManagersAsync(new SetUnitManagersRequest { Unit = "units/zeeland-west-brabant", ManagerIds = { "m-zwb-1" } });
        await CertifyAsync("signal-training", "m-limburg-1", _training.Manager("m-limburg-1"));

        var coverage = await _training.ProgrammeAdmin.GetCertificateCoverageAsync(new GetCertificateCoverageRequest { ExpiringWithinDays = 730 });

        Assert.Equal(730, coverage.ExpiringWithinDays);
        var rows = coverage.Units.Where(u => u.Unit is "units/limburg" or "units/zeeland-west-brabant").Select(u => (u.Unit, u.Managers, u.Certified, u.Share, u.Expiring));
        Assert.Equal([("units/limburg", 4, 1, 0.25, 0), ("units/zeeland-west-brabant", 1, 0, 0.0, 0)], rows);

        var soon = await _training.ProgrammeAdmin.GetCertificateCoverageAsync(new GetCertificateCoverageRequest { ExpiringWithinDays = 0 });
        Assert.Equal(90, soon.ExpiringWithinDays);
        _app.Clock.Reset(_app.Clock.GetCurrentInstant() + Duration.FromDays(1095 - 30));
        var later = await _training.ProgrammeAdmin.GetCertificateCoverageAsync(new GetCertificateCoverageRequest());
        Assert.Equal(1, later.Units.Single(u => u.Unit == "units/limburg").Expiring);

        Assert.Equal(["unit", "manager_ids[1]", "manager_ids[2]"], await Rpc.InvalidFieldsAsync(() => _training.ProgrammeAdmin.SetUnitManagersAsync(
            new SetUnitManagersRequest { Unit = "Limburg", ManagerIds = { "m-1", "m-1", "" } })));
        Assert.Equal(["expiring_within_days"], await Rpc.InvalidFieldsAsync(() => _training.ProgrammeAdmin.GetCertificateCoverageAsync(
            new GetCertificateCoverageRequest { ExpiringWithinDays = -1 })));
    }

    private Task<(int Refreshers, int Expiries)> AnnounceAsync() =>
        _app.InScopeAsync<CertificateStore, (int, int)>(store => store.AnnounceDueAsync(CancellationToken.None));

    private async Task<Certificate> CertifyAsync(string course, string employeeId, TrainingClient applicant, params (string, bool)[] answers)
    {
        _app.Clock.Reset(SignalTrainingApp.Start);
        var cohort = await _training.PlanAsync(course, capacity: 12);
        var enrolment = await applicant.ApplyAsync(cohort.Name, answers);
        await _training.AttendEverySessionAsync(cohort, employeeId);
        return (await _training.Trainer.CompleteEnrolmentAsync(new CompleteEnrolmentRequest { Name = enrolment.Name })).Certificate;
    }
}
