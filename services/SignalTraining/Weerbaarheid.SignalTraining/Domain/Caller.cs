namespace Weerbaarheid.SignalTraining.Domain;

/// <summary>Who is calling: their police employee number (the token's subject) and roles.</summary>
public sealed record Caller(string EmployeeId, IReadOnlySet<string> Roles)
{
    public bool IsTrainer => Roles.Contains(ServiceDefaults.Auth.Roles.Trainer);

    /// <summary>
    /// An enrolment or certificate is seen by its own participant and by trainers. Anyone else is refused
    /// before anything is looked up, so a refusal never tells whether someone enrolled (a course such as
    /// Colleagues in a tight spot says something about a person).
    /// </summary>
    public bool MaySeeRecordsOf(string employeeId) => IsTrainer || employeeId == EmployeeId;
}
