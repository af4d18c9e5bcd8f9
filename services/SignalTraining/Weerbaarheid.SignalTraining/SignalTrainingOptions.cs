using Weerbaarheid.SignalTraining.Domain.Courses;

namespace Weerbaarheid.SignalTraining;

/// <summary>Settings of the SignalTraining service (section <c>SignalTraining</c>).</summary>
public sealed class SignalTrainingOptions
{
    public const string Section = "SignalTraining";

    /// <summary>Run the certificate scheduler in this process (tests drive it by hand).</summary>
    public bool RunBackgroundJobs { get; set; } = true;

    /// <summary>How often due refreshers and expired certificates are looked for and announced.</summary>
    public TimeSpan CertificateCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Per course code: certificate validity and refresher lead in place of the course definition's, e.g.
    /// <c>SignalTraining:Courses:tco-basic-training:CertificateValidity = 730.00:00:00</c>.
    /// </summary>
    public Dictionary<string, CourseSettings> Courses { get; set; } = [];

    /// <summary>Plan the shipped cohorts (the 2022 groups of Colleagues in a tight spot) into an empty database.</summary>
    public bool SeedCohorts { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (CertificateCheckInterval <= TimeSpan.Zero || CertificateCheckInterval > TimeSpan.FromHours(1))
        {
            yield return $"{Section}:{nameof(CertificateCheckInterval)} must be positive and at most an hour.";
        }
    }
}
