using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Members;

/// <summary>
/// A TCO training certificate of an employee: qualified in [ValidFrom, ValidUntil). Kept apart from the
/// member, because people are usually trained before a coordinator puts them on the rota: the
/// certificate is already here when the member is created.
/// </summary>
public sealed class TcoCertificate
{
    public const string ManualPrefix = "manual:";
    private static readonly Duration Longest = Duration.FromDays((5 * 366) + 1);

    public string CertificateId { get; private set; } = "";
    public string EmployeeId { get; private set; } = "";
    public Instant ValidFrom { get; private set; }
    public Instant ValidUntil { get; private set; }
    /// <summary>For certificates recorded by hand: who trained the member.</summary>
    public string Note { get; private set; } = "";
    public Instant RecordedAt { get; private set; }

    public Interval Validity => new(ValidFrom, ValidUntil);

    private TcoCertificate() { }

    /// <summary>From the programme's own training (CertificateIssued).</summary>
    public static TcoCertificate Issued(string certificateId, string employeeId, Instant validFrom, Instant validUntil, Instant now) =>
        new() { CertificateId = certificateId, EmployeeId = employeeId, ValidFrom = validFrom, ValidUntil = Instant.Max(validFrom, validUntil), RecordedAt = now };

    /// <summary>From training elsewhere, recorded by a coordinator.</summary>
    public static TcoCertificate Manual(string employeeId, Instant validFrom, Instant validUntil, string note, Instant now)
    {
        var validation = new Validation();
        Check(validation, validFrom, validUntil, note);
        validation.ThrowIfInvalid();
        return new TcoCertificate
        {
            CertificateId = ManualPrefix + Guid.NewGuid().ToString("N"),
            EmployeeId = employeeId,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Note = note.Trim(),
            RecordedAt = now,
        };
    }

    public static void Check(Validation validation, Instant validFrom, Instant validUntil, string note)
    {
        validation.Require(validUntil > validFrom, "valid_until", "Must be after valid_from.");
        validation.Require(validUntil - validFrom <= Longest, "valid_until", "At most 5 years after valid_from.");
        validation.Require(note.Trim().Length is > 0 and <= 200, "note", "Required: who trained the member (at most 200 characters).");
    }

    /// <summary>The same certificate issued again (e.g. corrected dates); false when nothing changed.</summary>
    public bool Reissue(Instant validFrom, Instant validUntil)
    {
        validUntil = Instant.Max(validFrom, validUntil);
        if (validFrom == ValidFrom && validUntil == ValidUntil)
        {
            return false;
        }

        (ValidFrom, ValidUntil) = (validFrom, validUntil);
        return true;
    }

    /// <summary>No longer valid from <paramref name="expiredAt"/> (expired or withdrawn); false when it already ended.</summary>
    public bool Expire(Instant expiredAt)
    {
        if (ValidUntil <= expiredAt)
        {
            return false;
        }

        ValidUntil = Instant.Max(ValidFrom, expiredAt);
        return true;
    }
}
