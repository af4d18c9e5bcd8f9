using NodaTime;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Cohorts;
using Weerbaarheid.SignalTraining.Domain.Courses;
using Weerbaarheid.SignalTraining.Domain.Enrolments;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

/// <summary>
/// The shipped courses and a test cohort shaped like a group of Colleagues in a tight spot: two blocks of two
/// days in September 2022 and a supervision day on 9 January 2023, 09:00–17:00 Amsterdam time.
/// </summary>
internal static class TrainingSamples
{
    public static readonly CourseCatalogue Catalogue = CourseCatalogue.Shipped();

    public static Course TightSpot => Catalogue.Find("collegas-in-de-knel")!;
    public static Course SignalCourse => Catalogue.Find("signal-training")!;
    public static Course TcoBasic => Catalogue.Find("tco-basic-training")!;
    public static Course MentalResilience => Catalogue.Find("mental-resilience-training")!;

    public const string CohortId = "test-groep";

    public static readonly Instant PlannedAt = Instant.FromUtc(2022, 6, 1, 8, 0);
    public static readonly Instant ApplyingAt = Instant.FromUtc(2022, 8, 1, 10, 0);
    public static readonly Instant IntakeAt = Instant.FromUtc(2022, 8, 15, 13, 0);

    /// <summary>Monday 5 September 2022, 09:00 summer time in Amsterdam.</summary>
    public static readonly Instant FirstDayStarts = Instant.FromUtc(2022, 9, 5, 7, 0);

    /// <summary>Monday 9 January 2023, 17:00 winter time in Amsterdam: the supervision day ends.</summary>
    public static readonly Instant LastDayEnds = Instant.FromUtc(2023, 1, 9, 16, 0);

    public static readonly Instant CompletedAt = Instant.FromUtc(2023, 1, 10, 9, 0);

    public static readonly string[] SessionIds = ["day-1", "day-2", "day-3", "day-4", "supervision-day"];

    public static Session TrainingDay(string id, LocalDate date, int block) =>
        new(id, date, new LocalTime(9, 0), new LocalTime(17, 0), SessionKind.TrainingDay, block, null);

    public static Session SupervisionDay(string id, LocalDate date) =>
        new(id, date, new LocalTime(9, 0), new LocalTime(17, 0), SessionKind.SupervisionDay, 0, null);

    public static IReadOnlyList<Session> Sessions() =>
    [
        TrainingDay("day-1", new LocalDate(2022, 9, 5), 1),
        TrainingDay("day-2", new LocalDate(2022, 9, 6), 1),
        TrainingDay("day-3", new LocalDate(2022, 9, 26), 2),
        TrainingDay("day-4", new LocalDate(2022, 9, 27), 2),
        SupervisionDay("supervision-day", new LocalDate(2023, 1, 9)),
    ];

    public static CohortPlan Plan(int capacity = 12, bool intakeRequired = true, IReadOnlyList<Session>? sessions = null) =>
        new(new LocalizedText("Testgroep", "Test group"), sessions ?? Sessions(), "Baarn", ["Esther Neven"], capacity, intakeRequired);

    public static Cohort NewCohort(int capacity = 12, bool intakeRequired = true) =>
        Cohort.Plan(TightSpot, CohortId, Plan(capacity, intakeRequired), PlannedAt);

    /// <summary>A first application, with the seats the cohort's <paramref name="enrolments"/> hold.</summary>
    public static Enrolment Apply(Cohort cohort, string employeeId, IEnumerable<Enrolment> enrolments, Instant? at = null) =>
        CohortEnrolment.Admit(cohort, employeeId, enrolments.Count(e => e.HoldsSeat), null, at ?? ApplyingAt);

    public static void AttendEverything(Enrolment enrolment, Cohort cohort, Instant at)
    {
        foreach (var session in cohort.Sessions)
        {
            enrolment.RecordAttendance(session.Id, true, at);
        }
    }

    /// <summary>
    /// An enrolment in <paramref name="state"/>, reached the way the service reaches it: applied for a cohort with
    /// an intake (or, for waitlisted, one whose single seat is taken), then intake, attendance, completion or
    /// cancellation. A confirmed participant here has attended every day.
    /// </summary>
    public static (Cohort Cohort, Enrolment Enrolment) Reach(EnrolmentState state)
    {
        var cohort = NewCohort(capacity: state == EnrolmentState.Waitlisted ? 1 : 12);
        var seatsTaken = state == EnrolmentState.Waitlisted ? 1 : 0;
        var enrolment = CohortEnrolment.Admit(cohort, "123456", seatsTaken, null, ApplyingAt);
        switch (state)
        {
            case EnrolmentState.IntakePending or EnrolmentState.Waitlisted:
                break;
            case EnrolmentState.Confirmed:
                enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);
                AttendEverything(enrolment, cohort, LastDayEnds);
                break;
            case EnrolmentState.Completed:
                enrolment.RecordIntake(IntakeOutcome.Suitable, IntakeAt);
                AttendEverything(enrolment, cohort, LastDayEnds);
                enrolment.Complete(cohort, "cert-1", CompletedAt);
                break;
            case EnrolmentState.Cancelled:
                enrolment.Cancel(IntakeAt);
                break;
            case EnrolmentState.NotSuitable:
                enrolment.RecordIntake(IntakeOutcome.NotSuitable, IntakeAt);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, null);
        }

        Assert.Equal(state, enrolment.State);
        return (cohort, enrolment);
    }
}
