using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Enrolments;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class EnrolmentTests
{
    private static readonly Instant StepAt = Instant.FromUtc(2023, 2, 1, 12, 0);

    public enum Step
    {
        IntakeSuitable,
        IntakeNotSuitable,
        RecordAttendance,
        Complete,
        Cancel,
    }

    private static void Take(Step step, Cohort cohort, Enrolment enrolment)
    {
        switch (step)
        {
            case Step.IntakeSuitable:
                enrolment.RecordIntake(IntakeOutcome.Suitable, StepAt);
                break;
            case Step.IntakeNotSuitable:
                enrolment.RecordIntake(IntakeOutcome.NotSuitable, StepAt);
                break;
            case Step.RecordAttendance:
                // A change for a confirmed participant, who has attended every day (see TrainingSamples.Reach).
                enrolment.RecordAttendance("day-2", false, StepAt);
                break;
            case Step.Complete:
                enrolment.Complete(cohort, "cert-2", StepAt);
                break;
            case Step.Cancel:
                enrolment.Cancel(StepAt);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }

    /// <summary>Every transition the state machine allows, with the state it leads to.</summary>
    public static TheoryData<EnrolmentState, Step, EnrolmentState> Allowed => new()
    {
        { EnrolmentState.IntakePending, Step.IntakeSuitable, EnrolmentState.Confirmed },
        { EnrolmentState.IntakePending, Step.IntakeNotSuitable, EnrolmentState.NotSuitable },
        { EnrolmentState.IntakePending, Step.Cancel, EnrolmentState.Cancelled },
        { EnrolmentState.Confirmed, Step.RecordAttendance, EnrolmentState.Confirmed },
        { EnrolmentState.Confirmed, Step.Complete, EnrolmentState.Completed },
        { EnrolmentState.Confirmed, Step.Cancel, EnrolmentState.Cancelled },
        { EnrolmentState.Waitlisted, Step.Cancel, EnrolmentState.Cancelled },
    };

    /// <summary>Every other step from every state.</summary>
    public static TheoryData<EnrolmentState, Step> Refused => new()
    {
        { EnrolmentState.IntakePending, Step.RecordAttendance },
        { EnrolmentState.IntakePending, Step.Complete },
        { EnrolmentState.Confirmed, Step.IntakeSuitable },
        { EnrolmentState.Confirmed, Step.IntakeNotSuitable },
        { EnrolmentState.Waitlisted, Step.IntakeSuitable },
        { EnrolmentState.Waitlisted, Step.IntakeNotSuitable },
        { EnrolmentState.Waitlisted, Step.RecordAttendance },
        { EnrolmentState.Waitlisted, Step.Complete },
        { EnrolmentState.Completed, Step.IntakeSuitable },
        { EnrolmentState.Completed, Step.IntakeNotSuitable },
        { EnrolmentState.Completed, Step.RecordAttendance },
        { EnrolmentState.Completed, Step.Complete },
        { EnrolmentState.Completed, Step.Cancel },
        { EnrolmentState.Cancelled, Step.IntakeSuitable },
        { EnrolmentState.Cancelled, Step.IntakeNotSuitable },
        { EnrolmentState.Cancelled, Step.RecordAttendance },
        { EnrolmentState.Cancelled, Step.Complete },
        { EnrolmentState.Cancelled, Step.Cancel },
        { EnrolmentState.NotSuitable, Step.IntakeSuitable },
        { EnrolmentState.NotSuitable, Step.IntakeNotSuitable },
        { EnrolmentState.NotSuitable, Step.RecordAttendance },
        { EnrolmentState.NotSuitable, Step.Complete },
        { EnrolmentState.NotSuitable, Step.Cancel },
    };

    [Fact]
    public void The_tables_cover_every_step_from_every_state_exactly_once()
    {
        var allowed = Allowed.Select(row => ((EnrolmentState)row[0], (Step)row[1]));
        var refused = Refused.Select(row => ((EnrolmentState)row[0], (Step)row[1]));
        var every = Enum.GetValues<EnrolmentState>().SelectMany(state => Enum.GetValues<Step>().Select(step => (state, step)));

        Assert.Equal(every.Order(), allowed.Concat(refused).Order());
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_step_moves_the_enrolment_on_and_bumps_its_version(EnrolmentState from, Step step, EnrolmentState to)
    {
        var (cohort, enrolment) = Reach(from);
        var version = enrolment.Version;

        Take(step, cohort, enrolment);

        Assert.Equal(to, enrolment.State);
        Assert.Equal(version + 1, enrolment.Version);
        Assert.Equal(StepAt, enrolment.UpdatedAt);
        Assert.Equal(ApplyingAt, enrolment.AppliedAt);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_refused_step_fails_its_precondition_and_changes_nothing(EnrolmentState from, Step step)
    {
        var (cohort, enrolment) = Reach(from);
        var version = enrolment.Version;
        var updatedAt = enrolment.UpdatedAt;
        var certificateId = enrolment.CertificateId;
        var attendance = enrolment.Attendance.ToDictionary();

        var error = Assert.Throws<PreconditionFailedException>(() => Take(step, cohort, enrolment));

        Assert.Equal(from, enrolment.State);
        Assert.Equal(version, enrolment.Version);
        Assert.Equal(updatedAt, enrolment.UpdatedAt);
        Assert.Equal(certificateId, enrolment.CertificateId);
        Assert.Equal(attendance, enrolment.Attendance);
        Assert.Contains($"{enrolment.Name} is {from}", error.Message);
    }

    [Theory]
    [InlineData(EnrolmentState.IntakePending, true)]
    [InlineData(EnrolmentState.Confirmed, true)]
    [InlineData(EnrolmentState.Waitlisted, false)]
    public void Cancelling_says_whether_a_seat_came_free(EnrolmentState from, bool seatFreed)
    {
        var (_, enrolment) = Reach(from);

        Assert.Equal(seatFreed, enrolment.Cancel(StepAt));
        Assert.False(enrolment.HoldsSeat);
    }

    [Theory]
    [InlineData(EnrolmentState.IntakePending, true, true)]
    [InlineData(EnrolmentState.Confirmed, true, true)]
    [InlineData(EnrolmentState.Waitlisted, false, true)]
    [InlineData(EnrolmentState.Completed, true, true)]
    [InlineData(EnrolmentState.Cancelled, false, false)]
    [InlineData(EnrolmentState.NotSuitable, false, false)]
    public void Which_states_hold_a_seat_and_which_are_active(EnrolmentState state, bool holdsSeat, bool isActive)
    {
        var (_, enrolment) = Reach(state);

        Assert.Equal(holdsSeat, enrolment.HoldsSeat);
        Assert.Equal(isActive, enrolment.IsActive);
    }

    [Fact]
    public void A_new_enrolment_is_named_under_its_cohort_at_version_1()
    {
        var (cohort, enrolment) = Reach(EnrolmentState.IntakePending);

        Assert.Equal("courses/collegas-in-de-knel/cohorts/test-groep/enrolments/123456", enrolment.Name);
        Assert.Equal(cohort.Name, enrolment.CohortName);
        Assert.Equal("collegas-in-de-knel", enrolment.CourseCode);
        Assert.Equal("test-groep", enrolment.CohortId);
        Assert.Equal("123456", enrolment.EmployeeId);
        Assert.Equal(1, enrolment.ApplicationNumber);
        Assert.Equal(1, enrolment.Version);
        Assert.Equal(ApplyingAt, enrolment.AppliedAt);
        Assert.Equal(ApplyingAt, enrolment.UpdatedAt);
        Assert.Empty(enrolment.Attendance);
        Assert.Null(enrolment.CertificateId);
    }

    [Fact]
    public void Completing_after_every_day_including_supervision_keeps_the_certificate()
    {
        var (cohort, enrolment) = Reach(EnrolmentState.Confirmed);

        enrolment.Complete(cohort, "cert-7", CompletedAt);

        Assert.Equal(EnrolmentState.Completed, enrolment.State);
        Assert.Equal("cert-7", enrolment.CertificateId);
        Assert.Empty(enrolment.MissingSessions(cohort));
    }

    [Fact]
    public void Completing_with_missing_days_names_each_missing_session()
    {
        var cohort = NewCohort();
        var enrolment = Apply(cohort, "123456", []);
        enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);
        enrolment.RecordAttendance("day-1", true, LastDayEnds);
        enrolment.RecordAttendance("day-2", false, LastDayEnds);
        enrolment.RecordAttendance("day-4", true, LastDayEnds);
        var version = enrolment.Version;

        var error = Assert.Throws<PreconditionFailedException>(() => enrolment.Complete(cohort, "cert-1", CompletedAt));

        Assert.Equal(["day-2", "day-3", "supervision-day"], error.Violations.Select(v => v.Subject));
        Assert.All(error.Violations, v => Assert.Equal("ATTENDANCE", v.Type));
        Assert.Equal("Session supervision-day on 2023-01-09 was not attended.", error.Violations[2].Description);
        Assert.Contains("3 session(s) were not attended", error.Message);
        Assert.Equal(EnrolmentState.Confirmed, enrolment.State);
        Assert.Equal(version, enrolment.Version);
        Assert.Null(enrolment.CertificateId);
    }

    [Fact]
    public void Missing_only_the_supervision_day_still_blocks_completion()
    {
        var (cohort, enrolment) = Reach(EnrolmentState.Confirmed);
        enrolment.RecordAttendance("supervision-day", false, CompletedAt);

        var error = Assert.Throws<PreconditionFailedException>(() => enrolment.Complete(cohort, "cert-1", CompletedAt));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(new PreconditionViolation("ATTENDANCE", "supervision-day", "Session supervision-day on 2023-01-09 was not attended."), violation);
    }

    [Fact]
    public void Recording_the_same_attendance_again_changes_nothing()
    {
        var (_, enrolment) = Reach(EnrolmentState.IntakePending);
        enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);
        enrolment.RecordAttendance("day-1", true, FirstDayStarts);
        var version = enrolment.Version;

        enrolment.RecordAttendance("day-1", true, LastDayEnds);

        Assert.Equal(version, enrolment.Version);
        Assert.Equal(FirstDayStarts, enrolment.UpdatedAt);
        Assert.True(enrolment.Attendance["day-1"]);
    }

    [Fact]
    public void Correcting_attendance_is_a_change()
    {
        var (_, enrolment) = Reach(EnrolmentState.IntakePending);
        enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);
        enrolment.RecordAttendance("day-1", true, FirstDayStarts);

        enrolment.RecordAttendance("day-1", false, LastDayEnds);
        enrolment.RecordAttendance("day-2", false, LastDayEnds);

        Assert.Equal(5, enrolment.Version); // applied, intake, three attendance changes
        Assert.Equal(new Dictionary<string, bool> { ["day-1"] = false, ["day-2"] = false }, enrolment.Attendance);
    }

    [Fact]
    public void A_stale_etag_is_refused_and_an_empty_or_current_one_passes()
    {
        var (_, enrolment) = Reach(EnrolmentState.IntakePending);
        enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);

        enrolment.CheckEtag("2");
        enrolment.CheckEtag("");
        enrolment.CheckEtag(null);
        var error = Assert.Throws<EtagMismatchException>(() => enrolment.CheckEtag("1"));
        Assert.Equal(enrolment.Name, error.ResourceName);
        Assert.Throws<EtagMismatchException>(() => enrolment.CheckEtag("3"));
        Assert.Throws<EtagMismatchException>(() => enrolment.CheckEtag("two"));
    }
}
