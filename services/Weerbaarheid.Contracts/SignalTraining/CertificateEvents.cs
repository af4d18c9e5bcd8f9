namespace Weerbaarheid.Contracts.SignalTraining;

/// <summary>Course codes that other services act on.</summary>
public static class CourseCodes
{
    /// <summary>TCO basic training: its certificate qualifies a member for the peer-support on-call rota.</summary>
    public const string TcoBasicTraining = "tco-basic-training";
}

/// <summary>
/// A participant completed a course and holds a certificate from <paramref name="ValidFrom"/> until
/// (not including) <paramref name="ValidUntil"/>. <paramref name="EmployeeId"/> is the police employee number.
/// </summary>
public sealed record CertificateIssued(
    string CertificateId,
    string EmployeeId,
    string CourseCode,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil);

/// <summary>A certificate is no longer valid (it expired, or was withdrawn) as of <paramref name="ExpiredAt"/>.</summary>
public sealed record CertificateExpired(
    string CertificateId,
    string EmployeeId,
    string CourseCode,
    DateTimeOffset ExpiredAt);

/// <summary>
/// A certificate expires at <paramref name="ValidUntil"/>, soon: its holder should take a refresher before then.
/// Published once per certificate, the course's lead time before expiry.
/// </summary>
public sealed record RefresherDue(
    string CertificateId,
    string EmployeeId,
    string CourseCode,
    DateTimeOffset ValidUntil);
