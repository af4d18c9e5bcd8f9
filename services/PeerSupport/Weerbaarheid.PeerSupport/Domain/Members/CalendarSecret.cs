using System.Buffers.Text;
using System.Security.Cryptography;
using NodaTime;

namespace Weerbaarheid.PeerSupport.Domain.Members;

/// <summary>
/// The secret in a member's calendar address. Whoever has the address can read the member's shift
/// times (nothing else), as with any calendar app's secret address; rotating it makes the old one stop working.
/// </summary>
public sealed class CalendarSecret
{
    public string MemberId { get; private set; } = "";
    public string Secret { get; private set; } = "";
    public Instant CreatedAt { get; private set; }

    private CalendarSecret() { }

    public static CalendarSecret For(string memberId, Instant now) =>
        new() { MemberId = memberId, Secret = NewSecret(), CreatedAt = now };

    public void Rotate(Instant now)
    {
        Secret = NewSecret();
        CreatedAt = now;
    }

    /// <summary>256 random bits, URL-safe.</summary>
    private static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
