using System.Buffers.Text;
using System.Security.Cryptography;

namespace Weerbaarheid.SelfTest.Domain;

/// <summary>
/// The only key to a self-test: 256 random bits, base64url. Only its SHA-256 hash is stored, so the
/// database alone opens no result; the person holding the token is the only one who can.
/// </summary>
public static class SelfTestToken
{
    private const int Bytes = 32;

    /// <summary>The length of a token in characters (base64url without padding).</summary>
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && Base64Url.IsValid(token, out var decoded) && decoded == Bytes;

    /// <summary>The stored key of a token: its SHA-256 hash, hex.</summary>
    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));
}
