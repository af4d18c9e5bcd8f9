using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Cohorts;

namespace Weerbaarheid.SignalTraining.Domain.Enrolments;

/// <summary>
/// Who gets the seats of a cohort. Applications are numbered in arrival order; an applicant gets a seat while
/// seats are left, else waits; a seat that comes free goes at once to the lowest-numbered waiting applicant.
/// The caller holds the cohort locked (for the application number) and passes what is stored, so the
/// capacity can never be exceeded, whatever the number of concurrent applications.
/// </summary>
public static class CohortEnrolment
{
    /// <summary>
    /// Admits an eligible applicant: a seat (intake pending or confirmed) if one is left, else the waitlist.
    /// <paramref name="existing"/> is the applicant's earlier enrolment in this cohort, if any; an active one
    /// is ALREADY_EXISTS, one found not suitable at the intake is refused, a cancelled one is applied again.
    /// </summary>
    public static Enrolment Admit(Cohort cohort, string employeeId, int seatsTaken, Enrolment? existing, Instant now)
    {
        if (cohort.StateAt(now) != CohortState.Open)
        {
            throw new PreconditionFailedException($"{cohort.Name} has started; it no longer takes applications.");
        }

        if (existing is { IsActive: true } or { State: EnrolmentState.Completed })
        {
            throw new AlreadyExistsException(existing.Name);
        }

        if (existing is { State: EnrolmentState.NotSuitable })
        {
            // The trainer's intake decision stands for this cohort; applying again must not get round it.
            throw new PreconditionFailedException(
                $"The intake found {cohort.Name} not suitable for you now. Your trainer can tell you why and what may suit you better; a later cohort is open to you.");
        }

        var number = cohort.NumberNextApplication();
        var state = seatsTaken < cohort.Capacity
            ? cohort.IntakeRequired ? EnrolmentState.IntakePending : EnrolmentState.Confirmed
            : EnrolmentState.Waitlisted;
        if (existing is null)
        {
            return Enrolment.Admitted(cohort, employeeId, number, state, now);
        }

        existing.Reapply(number, state, now);
        return existing;
    }

    /// <summary>
    /// Fills free seats from the waitlist, first applied first; returns the promoted enrolments. Called after a
    /// cancellation, an unsuitable intake or a larger capacity, with every enrolment of the cohort. Only before
    /// the first day: completion needs every day, so a seat freed later helps nobody.
    /// </summary>
    public static IReadOnlyList<Enrolment> FillFreeSeats(Cohort cohort, IReadOnlyCollection<Enrolment> enrolments, Instant now)
    {
        var free = cohort.Capacity - enrolments.Count(e => e.HoldsSeat);
        if (free <= 0 || cohort.StateAt(now) != CohortState.Open)
        {
            return [];
        }

        var promoted = enrolments.Where(e => e.State == EnrolmentState.Waitlisted)
            .OrderBy(e => e.ApplicationNumber)
            .Take(free)
            .ToArray();
        foreach (var enrolment in promoted)
        {
            enrolment.Promote(cohort.IntakeRequired, now);
        }

        return promoted;
    }

    /// <summary>A waiting applicant's place in line, from 1; 0 when not waitlisted.</summary>
    public static int WaitlistPosition(Enrolment enrolment, IEnumerable<Enrolment> enrolments) =>
        enrolment.State != EnrolmentState.Waitlisted
            ? 0
            : 1 + enrolments.Count(e => e.State == EnrolmentState.Waitlisted && e.ApplicationNumber < enrolment.ApplicationNumber);
}
