using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Weerbaarheid.Contracts.SignalTraining;
using Weerbaarheid.SignalTraining.Data;
using Weerbaarheid.SignalTraining.Tests.Infrastructure;
using Weerbaarheid.SignalTraining.V1;
using Weerbaarheid.Testing;

namespace Weerbaarheid.SignalTraining.Tests.Grpc.Training;

/// <summary>
/// Enrolment through the gRPC contract, in process: apply → eligibility → intake → confirmed or waitlisted →
/// attendance → completion → certificate, and the events each step publishes.
/// </summary>
public sealed class EnrolmentFlowTests : IClassFixture<SignalTrainingHost>
{
    private readonly SignalTrainingApp _app;
    private readonly Infrastructure.Training _training;

    public EnrolmentFlowTests(SignalTrainingHost host)
    {
        _app = host.App;
        _app.Clock.Reset(SignalTrainingApp.Start);
        _training = new Infrastructure.Training(_app);
    }

    [Fact]
    public async Task A_selected_colleague_goes_from_application_to_a_TCO_certificate()
    {
        var cohort = await _training.PlanAsync("tco-basic-training", capacity: 12);
        var member = _training.Employee("100201");

        var applied = await member.ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
        Assert.Equal((EnrolmentState.Confirmed, 1, 0), (applied.State, applied.ApplicationNumber, applied.WaitlistPosition));
        Assert.Equal($"{cohort.Name}/enrolments/100201", applied.Name);

        await _training.AttendEverySessionAsync(cohort, "100201");
        var completed = await _training.Trainer.CompleteEnrolmentAsync(new CompleteEnrolmentRequest { Name = applied.Name });

        Assert.Equal(EnrolmentState.Completed, completed.Enrolment.State);
        Assert.Equal(["day-1", "day-2"], completed.Enrolment.AttendedSessions);
        var certificate = completed.Certificate;
        Assert.Equal((certificate.Name, "100201", "courses/tco-basic-training", CertificateState.Valid),
            (completed.Enrolment.Certificate, certificate.EmployeeId, certificate.Course, certificate.State));
        Assert.Equal(Duration.FromDays(730), Instant.FromDateTimeOffset(certificate.ValidUntil.ToDateTimeOffset()) - Instant.FromDateTimeOffset(certificate.ValidFrom.ToDateTimeOffset()));

        await _app.SettledAsync();
        var issued = Assert.Single(_app.PublishedSoFar<CertificateIssued>(e => e.EmployeeId == "100201"));
        Assert.Equal((certificate.Name, CourseCodesOf.Tco), ($"certificates/{issued.CertificateId}", issued.CourseCode));
        Assert.Equal(certificate.ValidUntil.ToDateTimeOffset(), issued.ValidUntil);

        Assert.Equal(certificate, (await member.GetCertificateAsync(new GetCertificateRequest { Name = certificate.Name })).Certificate);
        Assert.Equal(certificate.Name, Assert.Single((await member.ListMyCertificatesAsync(new ListMyCertificatesRequest())).Certificates).Name);
        Assert.Equal(EnrolmentState.Completed, Assert.Single((await member.ListMyEnrolmentsAsync(new ListMyEnrolmentsRequest())).Enrolments).State);
    }

    [Fact]
    public async Task An_ineligible_applicant_hears_every_reason_and_nothing_of_the_application_is_kept()
    {
        var cohort = await _training.PlanAsync("collegas-in-de-knel", capacity: 12, intake: true, supervision: true);
        var answers = Infrastructure.Training.TightSpotEligible
            .Select(a => a.Item1 switch { "union-member" => (a.Item1, false), "dismissal-procedure" => (a.Item1, true), _ => a })
            .ToArray();

        var error = await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => _training.Employee("100301").ApplyAsync(cohort.Name, answers));

        var violations = error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations;
        Assert.Equal([("ELIGIBILITY", "union-member"), ("ELIGIBILITY", "dismissal-procedure")], violations.Select(v => (v.Type, v.Subject)));
        Assert.All(violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
        Assert.False(await _app.DbAsync(db => db.Enrolments.AnyAsync(e => e.EmployeeId == "100301")));

        var check = new CheckEligibilityRequest { Course = "courses/collegas-in-de-knel" };
        check.Answers.AddRange(answers.Select(a => new EligibilityAnswer { Question = a.Item1, Yes = a.Item2 }));
        var eligibility = (await _training.Employee("100301").CheckEligibilityAsync(check)).Eligibility;
        Assert.False(eligibility.Eligible);
        Assert.Equal(["union-member", "dismissal-procedure"], eligibility.Reasons.Select(r => r.Rule));
        Assert.All(eligibility.Reasons, r => Assert.True(r.Message.Nl.Length > 0 && r.Message.En.Length > 0));
    }

    [Fact]
    public async Task Missing_and_unknown_answers_are_each_named()
    {
        var cohort = await _training.PlanAsync("collegas-in-de-knel", capacity: 12, intake: true, supervision: true);

        var fields = await Rpc.InvalidFieldsAsync(() => _training.Employee("100302").ApplyAsync(cohort.Name,
            ("union-member", true), ("union-member", true), ("favourite-colour", true)));

        Assert.Equal(["answers[1].question", "answers[2].question", "answers", "answers", "answers", "answers", "answers"], fields);
    }

    [Fact]
    public async Task A_cancellation_gives_the_seat_to_the_first_on_the_waitlist_and_says_so()
    {
        var cohort = await _training.PlanAsync("tco-basic-training", capacity: 2);
        var enrolments = new List<Enrolment>();
        foreach (var id in new[] { "200001", "200002", "200003", "200004" })
        {
            enrolments.Add(await _training.Employee(id).ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco));
        }

        Assert.Equal(
            [(EnrolmentState.Confirmed, 0), (EnrolmentState.Confirmed, 0), (EnrolmentState.Waitlisted, 1), (EnrolmentState.Waitlisted, 2)],
            enrolments.Select(e => (e.State, e.WaitlistPosition)));

        var cancelled = await _training.Employee("200001").CancelEnrolmentAsync(new CancelEnrolmentRequest { Name = enrolments[0].Name, Etag = enrolments[0].Etag });
        Assert.Equal(EnrolmentState.Cancelled, cancelled.Enrolment.State);

        var listed = (await _training.Trainer.ListEnrolmentsAsync(new ListEnrolmentsRequest { Parent = cohort.Name })).Enrolments;
        Assert.Equal(
            [("200001", EnrolmentState.Cancelled, 0), ("200002", EnrolmentState.Confirmed, 0), ("200003", EnrolmentState.Confirmed, 0), ("200004", EnrolmentState.Waitlisted, 1)],
            listed.Select(e => (e.EmployeeId, e.State, e.WaitlistPosition)));
        await _app.SettledAsync();
        var promoted = Assert.Single(_app.PublishedSoFar<EnrolmentPromoted>(e => e.Enrolment.StartsWith(cohort.Name, StringComparison.Ordinal)));
        Assert.Equal((enrolments[2].Name, "200003", "CONFIRMED"), (promoted.Enrolment, promoted.EmployeeId, promoted.State));
        var seats = (await _training.Trainer.GetCohortAsync(new GetCohortRequest { Name = cohort.Name })).Cohort;
        Assert.Equal((2, 1), (seats.SeatsTaken, seats.Waitlisted));
    }

    [Fact]
    public async Task An_unsuitable_intake_frees_the_seat_for_the_waitlist_which_then_waits_for_its_own_intake()
    {
        var cohort = await _training.PlanAsync("collegas-in-de-knel", capacity: 1, intake: true, supervision: true);
        var first = await _training.Employee("300001").ApplyAsync(cohort.Name, Infrastructure.Training.TightSpotEligible);
        var second = await _training.Employee("300002").ApplyAsync(cohort.Name, Infrastructure.Training.TightSpotEligible);
        Assert.Equal((EnrolmentState.IntakePending, EnrolmentState.Waitlisted), (first.State, second.State));

        var intake = await _training.Trainer.RecordIntakeAsync(new RecordIntakeRequest { Name = first.Name, Outcome = IntakeOutcome.NotSuitable, Etag = first.Etag });

        Assert.Equal(EnrolmentState.NotSuitable, intake.Enrolment.State);
        var promoted = (await _training.Employee("300002").GetEnrolmentAsync(new GetEnrolmentRequest { Name = second.Name })).Enrolment;
        Assert.Equal(EnrolmentState.IntakePending, promoted.State);
        await _app.SettledAsync();
        Assert.Equal("INTAKE_PENDING", Assert.Single(_app.PublishedSoFar<EnrolmentPromoted>(e => e.EmployeeId == "300002")).State);

        var confirmed = await _training.Trainer.RecordIntakeAsync(new RecordIntakeRequest { Name = second.Name, Outcome = IntakeOutcome.Suitable });
        Assert.Equal(EnrolmentState.Confirmed, confirmed.Enrolment.State);
    }

    [Fact]
    public async Task Completion_needs_every_day_the_supervision_day_included()
    {
        var cohort = await _training.PlanAsync("collegas-in-de-knel", capacity: 12, intake: true, supervision: true);
        var applied = await _training.Employee("400001").ApplyAsync(cohort.Name, Infrastructure.Training.TightSpotEligible);
        await _training.Trainer.RecordIntakeAsync(new RecordIntakeRequest { Name = applied.Name, Outcome = IntakeOutcome.Suitable });
        foreach (var day in new[] { "day-1", "day-2" })
        {
            _training.EveningOf(Infrastructure.Training.FirstDay.PlusDays(1));
            var register = new RecordAttendanceRequest { Cohort = cohort.Name, Session = day };
            register.Present.Add("400001");
            await _training.Trainer.RecordAttendanceAsync(register);
        }

        var error = await Rpc.FailsAsync(StatusCode.FailedPrecondition,
            () => _training.Trainer.CompleteEnrolmentAsync(new CompleteEnrolmentRequest { Name = applied.Name }));

        Assert.Equal(["supervision-day"], error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations.Select(v => v.Subject));
        Assert.DoesNotContain(_app.PublishedSoFar<CertificateIssued>(), e => e.EmployeeId == "400001");
    }

    [Fact]
    public async Task Attendance_is_recorded_on_the_day_and_only_for_confirmed_participants()
    {
        var cohort = await _training.PlanAsync("tco-basic-training", capacity: 1);
        await _training.Employee("500001").ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
        await _training.Employee("500002").ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco); // waitlisted

        var early = new RecordAttendanceRequest { Cohort = cohort.Name, Session = "day-1" };
        early.Present.Add("500001");
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => _training.Trainer.RecordAttendanceAsync(early));

        _training.EveningOf(Infrastructure.Training.FirstDay);
        var register = new RecordAttendanceRequest { Cohort = cohort.Name, Session = "day-1" };
        register.Present.Add(["500001", "500002", "999999", "500001"]);
        register.Absent.Add("");
        Assert.Equal(["present[3]", "absent[0]"], await Rpc.InvalidFieldsAsync(() => _training.Trainer.RecordAttendanceAsync(register)));

        register.Present.RemoveAt(3);
        register.Absent.Clear();
        Assert.Equal(["present[1]", "present[2]"], await Rpc.InvalidFieldsAsync(() => _training.Trainer.RecordAttendanceAsync(register)));

        var unknownSession = new RecordAttendanceRequest { Cohort = cohort.Name, Session = "day-9" };
        unknownSession.Present.Add("500001");
        Assert.Equal(["session"], await Rpc.InvalidFieldsAsync(() => _training.Trainer.RecordAttendanceAsync(unknownSession)));
    }

    [Fact]
    public async Task A_planned_cohort_with_bad_fields_gets_every_field_named()
    {
        var cohort = new Cohort { Title = new LocalizedText { Nl = "", En = "Group" }, Location = "", Capacity = 0 };
        cohort.Sessions.Add(Infrastructure.Training.Day("Day 1", Infrastructure.Training.FirstDay, SessionKind.TrainingDay, 0));
        var bad = Infrastructure.Training.Day("day-2", Infrastructure.Training.FirstDay, SessionKind.TrainingDay, 1);
        bad.EndTime = new Google.Type.TimeOfDay { Hours = 8 };
        cohort.Sessions.Add(bad);
        cohort.Sessions.Add(Infrastructure.Training.Day("day-3", Infrastructure.Training.FirstDay, SessionKind.Unspecified, 1));

        var fields = await Rpc.InvalidFieldsAsync(() => _training.Trainer.CreateCohortAsync(
            new CreateCohortRequest { Parent = "courses/tco-basic-training", Cohort = cohort, CohortId = "Groep 1" }));

        Assert.Equal(
            ["cohort_id", "cohort.title.nl", "cohort.location", "cohort.capacity", "cohort.sessions[0].id", "cohort.sessions[0].block",
             "cohort.sessions[1].end_time", "cohort.sessions[2].kind"],
            fields);
        var valid = await _training.PlanAsync("tco-basic-training", 3);
        await Rpc.FailsAsync(StatusCode.NotFound, () => _training.Trainer.CreateCohortAsync(
            new CreateCohortRequest { Parent = "courses/no-such-course", Cohort = valid }));
    }

    [Fact]
    public async Task A_larger_capacity_seats_the_waitlist_and_a_stale_etag_is_refused()
    {
        var cohort = await _training.PlanAsync("tco-basic-training", capacity: 1);
        await _training.Employee("600001").ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
        var waiting = await _training.Employee("600002").ApplyAsync(cohort.Name, Infrastructure.Training.SelectedForTco);
        Assert.Equal(EnrolmentState.Waitlisted, waiting.State);

        var larger = cohort.Clone();
        larger.Capacity = 2;
        var mask = new Google.Protobuf.WellKnownTypes.FieldMask();
        mask.Paths.Add("capacity");
        var updated = (await _training.Trainer.UpdateCohortAsync(new UpdateCohortRequest { Cohort = larger, UpdateMask = mask })).Cohort;

        Assert.Equal((2, 2, 0), (updated.Capacity, updated.SeatsTaken, updated.Waitlisted));
        Assert.NotEqual(cohort.Etag, updated.Etag);
        Assert.Equal(EnrolmentState.Confirmed, (await _training.Employee("600002").GetEnrolmentAsync(new GetEnrolmentRequest { Name = waiting.Name })).Enrolment.State);
        await Rpc.FailsAsync(StatusCode.Aborted, () => _training.Trainer.UpdateCohortAsync(new UpdateCohortRequest { Cohort = larger, UpdateMask = mask }));

        var smaller = updated.Clone();
        smaller.Capacity = 1;
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => _training.Trainer.UpdateCohortAsync(new UpdateCohortRequest { Cohort = smaller, UpdateMask = mask }));
    }

    [Fact]
    public async Task Someone_elses_enrolment_is_refused_without_saying_whether_it_exists()
    {
        var cohort = await _training.PlanAsync("collegas-in-de-knel", capacity: 12, intake: true, supervision: true);
        var applied = await _training.Employee("700001").ApplyAsync(cohort.Name, Infrastructure.Training.TightSpotEligible);
        var colleague = _training.Employee("700002");

        var existing = await Rpc.FailsAsync(StatusCode.PermissionDenied, () => colleague.GetEnrolmentAsync(new GetEnrolmentRequest { Name = applied.Name }));
        var absent = await Rpc.FailsAsync(StatusCode.PermissionDenied,
            () => colleague.GetEnrolmentAsync(new GetEnrolmentRequest { Name = $"{cohort.Name}/enrolments/700003" }));
        Assert.Equal(existing.Status.Detail, absent.Status.Detail);
        await Rpc.FailsAsync(StatusCode.PermissionDenied, () => colleague.CancelEnrolmentAsync(new CancelEnrolmentRequest { Name = applied.Name }));
        Assert.Equal(EnrolmentState.IntakePending, (await _training.Trainer.GetEnrolmentAsync(new GetEnrolmentRequest { Name = applied.Name })).Enrolment.State);
    }

    [Fact]
    public async Task The_four_2022_groups_of_Colleagues_in_a_tight_spot_are_there_and_closed()
    {
        var cohorts = (await _training.Employee("800001").ListCohortsAsync(
            new ListCohortsRequest { Parent = "courses/collegas-in-de-knel", ShowEnded = true })).Cohorts.Where(c => c.Name.Contains("/2022-", StringComparison.Ordinal)).ToList();

        Assert.Equal(["2022-groep-1", "2022-groep-2", "2022-groep-3", "2022-groep-4"], cohorts.Select(c => c.Name.Split('/')[^1]));
        Assert.All(cohorts, c => Assert.Equal((12, true, CohortState.Ended, 5), (c.Capacity, c.IntakeRequired, c.State, c.Sessions.Count)));
        await Rpc.FailsAsync(StatusCode.FailedPrecondition, () => _training.Employee("800001").ApplyAsync(cohorts[0].Name, Infrastructure.Training.TightSpotEligible));
    }

    private static class CourseCodesOf
    {
        public const string Tco = CourseCodes.TcoBasicTraining;
    }
}
