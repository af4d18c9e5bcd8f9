using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Cohorts;

namespace Weerbaarheid.SignalTraining.Domain.Enrolments;

public enum EnrolmentState
{
    IntakePending = 1,
    Confirmed = 2,
    Waitlisted = 3,
    Completed = 4,
    Cancelled = 5,
    NotSuitable = 6,
}

public enum IntakeOutcome
{
    Suitable = 1,
    NotSuitable = 2,
}

/// <summary>
/// One employee's place in a cohort, from application to completion: the state machine of the enrolment.
/// Whether an applicant gets a seat is decided by <see cref="CohortEnrolment"/>, with the cohort locked.
/// </summary>
public sealed class Enrolment
{
    private Enrolment()
    {
    }

    public string CourseCode { get; private set; } = "";
    public string CohortId { get; private set; } = "";

    /// <summary>The participant's police employee number.</summary>
    public string EmployeeId { get; private set; } = "";

    public EnrolmentState State { get; private set; }

    /// <summary>Its place in the order of application (from 1); the waitlist follows it.</summary>
    public int ApplicationNumber { get; private set; }

    /// <summary>Attendance by session id: true present, false absent.</summary>
    public Dictionary<string, bool> Attendance { get; private set; } = [];

    public string? CertificateId { get; private set; }
    public Instant AppliedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    /// <summary>The etag.</summary>
    public int Version { get; private set; }

    public string Name => NameOf(CourseCode, CohortId, EmployeeId);

    public string CohortName => Cohort.NameOf(CourseCode, CohortId);

    /// <summary>Intake pending, confirmed and completed enrolments each hold one of the cohort's seats.</summary>
    public bool HoldsSeat => State is EnrolmentState.IntakePending or EnrolmentState.Confirmed or EnrolmentState.Completed;

    /// <summary>Still in the running: holds a seat or waits for one. An applicant cannot apply twice while active.</summary>
    public bool IsActive => HoldsSeat || State == EnrolmentState.Waitlisted;

    public static string NameOf(string courseCode, string cohortId, string employeeId) =>
        $"{Cohort.NameOf(courseCode, cohortId)}/enrolments/{employeeId}";

    internal static Enrolment Admitted(Cohort cohort, string employeeId, int applicationNumber, EnrolmentState state, Instant now) => new()
    {
        CourseCode = cohort.CourseCode,
        CohortId = cohort.Id,
        EmployeeId = employeeId,
        ApplicationNumber = applicationNumber,
        State = state,
        AppliedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    /// <summary>A cancelled applicant applies again: a new application, at the back of the line.</summary>
    internal void Reapply(int applicationNumber, EnrolmentState state, Instant now)
    {
        if (State != EnrolmentState.Cancelled)
        {
            throw new InvalidOperationException($"{Name} is {State}; it cannot be applied for again.");
        }

        ApplicationNumber = applicationNumber;
        State = state;
        Attendance = [];
        AppliedAt = now;
        Changed(now);
    }

    public void RecordIntake(IntakeOutcome outcome, Instant now)
    {
        Require(State == EnrolmentState.IntakePending, "Only an enrolment waiting for its intake can have one recorded");
        State = outcome == IntakeOutcome.Suitable ? EnrolmentState.Confirmed : EnrolmentState.NotSuitable;
        Changed(now);
    }

    public void RecordAttendance(string sessionId, bool present, Instant now)
    {
        Require(State == EnrolmentState.Confirmed, "Only a confirmed participant's attendance can be recorded");
        if (Attendance.TryGetValue(sessionId, out var recorded) && recorded == present)
        {
            return; // recorded again as it was: nothing changes, the etag neither
        }

        Attendance[sessionId] = present;
        Changed(now);
    }

    /// <summary>The cohort's sessions not (yet) attended, in order.</summary>
    public IReadOnlyList<Session> MissingSessions(Cohort cohort) =>
        cohort.Sessions.Where(s => !Attendance.GetValueOrDefault(s.Id)).ToArray();

    /// <summary>Completes the enrolment: it needs every session attended, the supervision day included.</summary>
    public void Complete(Cohort cohort, string certificateId, Instant now)
    {
        Require(State == EnrolmentState.Confirmed, "Only a confirmed participant can complete the course");
        var missing = MissingSessions(cohort);
        if (missing.Count > 0)
        {
            throw new PreconditionFailedException(
                $"{Name} cannot be completed: completion needs every day, and {missing.Count} session(s) were not attended.",
                missing.Select(s => new PreconditionViolation("ATTENDANCE", s.Id, $"Session {s.Id} on {s.Date:uuuu-MM-dd} was not attended.")).ToArray());
        }

        State = EnrolmentState.Completed;
        CertificateId = certificateId;
        Changed(now);
    }

    /// <summary>Cancels the enrolment; returns whether a seat came free.</summary>
    public bool Cancel(Instant now)
    {
        Require(IsActive && State != EnrolmentState.Completed, "Only an open enrolment (intake pending, confirmed or waitlisted) can be cancelled");
        var heldSeat = HoldsSeat;
        State = EnrolmentState.Cancelled;
        Changed(now);
        return heldSeat;
    }

    /// <summary>Gives a waitlisted applicant the seat that came free.</summary>
    internal void Promote(bool intakeRequired, Instant now)
    {
        if (State != EnrolmentState.Waitlisted)
        {
            throw new InvalidOperationException($"{Name} is {State}, not waitlisted.");
        }

        State = intakeRequired ? EnrolmentState.IntakePending : EnrolmentState.Confirmed;
        Changed(now);
    }

    /// <summary>Throws ABORTED when the caller's etag is set and stale.</summary>
    public void CheckEtag(string? etag)
    {
        if (!string.IsNullOrEmpty(etag) && etag != Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new EtagMismatchException(Name);
        }
    }

    private void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new PreconditionFailedException($"{what}; {Name} is {State}.");
        }
    }

    private void Changed(Instant now)
    {
        UpdatedAt = now;
        Version++;
    }
}
