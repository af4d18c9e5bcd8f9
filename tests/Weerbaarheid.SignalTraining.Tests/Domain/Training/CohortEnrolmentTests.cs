using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Enrolments;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CohortEnrolmentTests
{
    private static readonly Instant CancelledAt = ApplyingAt + Duration.FromDays(3);
    private static readonly Instant ReappliedAt = ApplyingAt + Duration.FromDays(5);

    /// <summary>Applicants 100001, 100002, … apply one after another.</summary>
    private static List<Enrolment> ApplyInTurn(Cohort cohort, int applicants)
    {
        var enrolments = new List<Enrolment>();
        for (var i = 1; i <= applicants; i++)
        {
            enrolments.Add(Apply(cohort, $"10000{i}", enrolments));
        }

        return enrolments;
    }

    [Fact]
    public void Applicants_get_seats_up_to_capacity_then_wait_numbered_in_arrival_order()
    {
        var cohort = NewCohort(capacity: 3);

        var enrolments = ApplyInTurn(cohort, 5);

        Assert.Equal(
            [EnrolmentState.IntakePending, EnrolmentState.IntakePending, EnrolmentState.IntakePending, EnrolmentState.Waitlisted, EnrolmentState.Waitlisted],
            enrolments.Select(e => e.State));
        Assert.Equal([1, 2, 3, 4, 5], enrolments.Select(e => e.ApplicationNumber));
        Assert.Equal(["100001", "100002", "100003", "100004", "100005"], enrolments.Select(e => e.EmployeeId));
        Assert.Equal(5, cohort.ApplicationCount);
        Assert.Equal(3, enrolments.Count(e => e.HoldsSeat));
        Assert.All(enrolments, e => Assert.Equal(1, e.Version));
    }

    [Fact]
    public void Without_an_intake_a_seat_is_confirmed_at_once()
    {
        var cohort = NewCohort(capacity: 2, intakeRequired: false);

        var enrolments = ApplyInTurn(cohort, 3);

        Assert.Equal([EnrolmentState.Confirmed, EnrolmentState.Confirmed, EnrolmentState.Waitlisted], enrolments.Select(e => e.State));
    }

    [Fact]
    public void The_colleagues_in_a_tight_spot_group_of_12_waitlists_the_13th()
    {
        var cohort = NewCohort();

        var enrolments = ApplyInTurn(cohort, 13);

        Assert.Equal(12, enrolments.Count(e => e.State == EnrolmentState.IntakePending));
        Assert.Equal(EnrolmentState.Waitlisted, enrolments[12].State);
        Assert.Equal(13, enrolments[12].ApplicationNumber);
    }

    [Fact]
    public void Applying_up_to_the_moment_the_first_day_starts_is_accepted()
    {
        var cohort = NewCohort();

        var enrolment = Apply(cohort, "123456", [], FirstDayStarts - Duration.Epsilon);

        Assert.Equal(EnrolmentState.IntakePending, enrolment.State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(24 * 7)]
    [InlineData(24 * 365)]
    public void Applying_once_the_cohort_has_started_fails_its_precondition(int hoursAfterStart)
    {
        var cohort = NewCohort();

        var error = Assert.Throws<PreconditionFailedException>(() =>
            Apply(cohort, "123456", [], FirstDayStarts + Duration.FromHours(hoursAfterStart)));

        Assert.Contains("courses/collegas-in-de-knel/cohorts/test-groep has started", error.Message);
        Assert.Equal(0, cohort.ApplicationCount);
    }

    [Theory]
    [InlineData(EnrolmentState.IntakePending)]
    [InlineData(EnrolmentState.Confirmed)]
    [InlineData(EnrolmentState.Waitlisted)]
    [InlineData(EnrolmentState.Completed)]
    public void Applying_again_while_enrolled_or_after_completing_already_exists(EnrolmentState state)
    {
        var (cohort, existing) = Reach(state);
        var count = cohort.ApplicationCount;
        var version = existing.Version;

        var error = Assert.Throws<AlreadyExistsException>(() =>
            CohortEnrolment.Admit(cohort, existing.EmployeeId, 0, existing, ApplyingAt + Duration.FromDays(1)));

        Assert.Equal(existing.Name, error.ResourceName);
        Assert.Equal(count, cohort.ApplicationCount);
        Assert.Equal(state, existing.State);
        Assert.Equal(version, existing.Version);
    }

    [Fact]
    public void A_cancelled_applicant_applies_again_at_the_back_of_the_line()
    {
        var cohort = NewCohort(capacity: 2);
        var enrolments = ApplyInTurn(cohort, 3);
        var first = enrolments[0];
        first.Cancel(CancelledAt);
        CohortEnrolment.FillFreeSeats(cohort, enrolments, CancelledAt);

        var again = CohortEnrolment.Admit(cohort, first.EmployeeId, enrolments.Count(e => e.HoldsSeat), first, ReappliedAt);

        Assert.Same(first, again);
        Assert.Equal(EnrolmentState.Waitlisted, again.State);
        Assert.Equal(4, again.ApplicationNumber);
        Assert.Equal(4, cohort.ApplicationCount);
        Assert.Equal(ReappliedAt, again.AppliedAt);
        Assert.Equal(ReappliedAt, again.UpdatedAt);
        Assert.Equal(3, again.Version);
        Assert.Equal(EnrolmentState.IntakePending, enrolments[2].State);
        Assert.Equal(1, CohortEnrolment.WaitlistPosition(again, enrolments));
    }

    [Fact]
    public void A_cancelled_participant_who_applies_again_starts_without_the_old_attendance()
    {
        var cohort = NewCohort(intakeRequired: false);
        var enrolment = Apply(cohort, "123456", []);
        enrolment.RecordAttendance("day-1", true, ApplyingAt);
        enrolment.Cancel(CancelledAt);

        CohortEnrolment.Admit(cohort, "123456", 0, enrolment, ReappliedAt);

        Assert.Equal(EnrolmentState.Confirmed, enrolment.State);
        Assert.Equal(2, enrolment.ApplicationNumber);
        Assert.Empty(enrolment.Attendance);
    }

    [Fact]
    public void An_applicant_found_not_suitable_cannot_apply_again_for_the_same_cohort()
    {
        var cohort = NewCohort(capacity: 2);
        var enrolment = Apply(cohort, "123456", []);
        enrolment.RecordIntake(IntakeOutcome.NotSuitable, IntakeAt);
        var version = enrolment.Version;

        Assert.Throws<PreconditionFailedException>(() => CohortEnrolment.Admit(cohort, "123456", 0, enrolment, ReappliedAt));

        Assert.Equal((EnrolmentState.NotSuitable, 1, version), (enrolment.State, enrolment.ApplicationNumber, enrolment.Version));
        Assert.Equal(1, cohort.ApplicationCount);
    }

    [Fact]
    public void Free_seats_go_to_the_lowest_application_numbers_first_and_only_as_many_as_are_free()
    {
        var cohort = NewCohort(capacity: 2);
        var enrolments = ApplyInTurn(cohort, 5);
        enrolments[0].Cancel(CancelledAt);
        enrolments[1].RecordIntake(IntakeOutcome.NotSuitable, CancelledAt);
        var shuffled = new[] { enrolments[4], enrolments[2], enrolments[0], enrolments[3], enrolments[1] };

        var promoted = CohortEnrolment.FillFreeSeats(cohort, shuffled, CancelledAt);

        Assert.Equal([3, 4], promoted.Select(e => e.ApplicationNumber));
        Assert.Equal(EnrolmentState.IntakePending, enrolments[2].State);
        Assert.Equal(EnrolmentState.IntakePending, enrolments[3].State);
        Assert.Equal(EnrolmentState.Waitlisted, enrolments[4].State);
        Assert.Equal(2, enrolments[2].Version);
        Assert.Equal(CancelledAt, enrolments[2].UpdatedAt);
        Assert.Equal(1, CohortEnrolment.WaitlistPosition(enrolments[4], enrolments));
    }

    [Fact]
    public void Without_an_intake_a_promoted_applicant_is_confirmed()
    {
        var cohort = NewCohort(capacity: 1, intakeRequired: false);
        var enrolments = ApplyInTurn(cohort, 2);
        enrolments[0].Cancel(CancelledAt);

        var promoted = Assert.Single(CohortEnrolment.FillFreeSeats(cohort, enrolments, CancelledAt));

        Assert.Same(enrolments[1], promoted);
        Assert.Equal(EnrolmentState.Confirmed, promoted.State);
    }

    [Fact]
    public void Nobody_is_promoted_while_every_seat_is_held()
    {
        var cohort = NewCohort(capacity: 2);
        var enrolments = ApplyInTurn(cohort, 4);
        enrolments[0].RecordIntake(IntakeOutcome.Suitable, IntakeAt);

        Assert.Empty(CohortEnrolment.FillFreeSeats(cohort, enrolments, IntakeAt));
        Assert.Equal(2, enrolments.Count(e => e.State == EnrolmentState.Waitlisted));
    }

    [Fact]
    public void A_larger_capacity_promotes_as_many_as_the_new_seats()
    {
        var cohort = NewCohort(capacity: 2);
        var enrolments = ApplyInTurn(cohort, 5);
        cohort.Apply(Plan(capacity: 4), IntakeAt);

        var promoted = CohortEnrolment.FillFreeSeats(cohort, enrolments, IntakeAt);

        Assert.Equal(["100003", "100004"], promoted.Select(e => e.EmployeeId));
        Assert.Equal(4, enrolments.Count(e => e.HoldsSeat));
    }

    [Fact]
    public void A_smaller_capacity_promotes_nobody_and_takes_no_seat_away()
    {
        var cohort = NewCohort(capacity: 3);
        var enrolments = ApplyInTurn(cohort, 4);
        cohort.Apply(Plan(capacity: 1), IntakeAt);
        enrolments[0].Cancel(CancelledAt);

        Assert.Empty(CohortEnrolment.FillFreeSeats(cohort, enrolments, CancelledAt));
        Assert.Equal(2, enrolments.Count(e => e.HoldsSeat));
        Assert.Equal(EnrolmentState.Waitlisted, enrolments[3].State);
    }

    [Fact]
    public void A_seat_freed_once_the_cohort_has_started_is_not_given_away()
    {
        var cohort = NewCohort(capacity: 1);
        var enrolments = ApplyInTurn(cohort, 2);
        enrolments[0].Cancel(FirstDayStarts);

        Assert.Empty(CohortEnrolment.FillFreeSeats(cohort, enrolments, FirstDayStarts));
        Assert.Equal(EnrolmentState.Waitlisted, enrolments[1].State);
        Assert.Equal(1, enrolments[1].Version);

        Assert.Single(CohortEnrolment.FillFreeSeats(cohort, enrolments, FirstDayStarts - Duration.Epsilon));
    }

    [Fact]
    public void Waitlist_positions_count_the_waiting_applicants_ahead()
    {
        var cohort = NewCohort(capacity: 1);
        var enrolments = ApplyInTurn(cohort, 4);

        Assert.Equal([0, 1, 2, 3], enrolments.Select(e => CohortEnrolment.WaitlistPosition(e, enrolments)));

        enrolments[1].Cancel(CancelledAt);

        Assert.Equal([0, 0, 1, 2], enrolments.Select(e => CohortEnrolment.WaitlistPosition(e, enrolments)));
    }
}
