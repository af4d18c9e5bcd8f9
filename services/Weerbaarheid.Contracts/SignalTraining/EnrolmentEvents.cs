namespace Weerbaarheid.Contracts.SignalTraining;

/// <summary>
/// A seat freed up in a cohort and went to the first applicant on its waitlist. <paramref name="State"/> is
/// the enrolment's new state: <c>INTAKE_PENDING</c> when the cohort has an intake, <c>CONFIRMED</c> otherwise.
/// <paramref name="Enrolment"/> is its resource name, <c>courses/{code}/cohorts/{cohort}/enrolments/{employee}</c>.
/// </summary>
public sealed record EnrolmentPromoted(
    string Enrolment,
    string EmployeeId,
    string CourseCode,
    string State,
    DateTimeOffset PromotedAt);
