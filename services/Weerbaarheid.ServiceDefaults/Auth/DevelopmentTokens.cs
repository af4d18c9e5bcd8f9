using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Weerbaarheid.ServiceDefaults.Auth;

/// <summary>
/// Tokens for local runs and tests, signed with a key that is public on purpose: hosts accept it only
/// when ASPNETCORE_ENVIRONMENT is Development and no OIDC authority is configured (see
/// <see cref="AuthenticationExtensions"/>). Production validates tokens from the police's OIDC provider.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "weerbaarheid-development";
    public const string Audience = "weerbaarheid";

    private static readonly SymmetricSecurityKey Key = new(
        Encoding.UTF8.GetBytes("weerbaarheid-development-signing-key-never-accepted-outside-development"))
    {
        KeyId = "weerbaarheid-development",
    };

    public static TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = Key,
        RoleClaimType = Roles.ClaimType,
        NameClaimType = JwtRegisteredClaimNames.Sub,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>Mints a token for <paramref name="subject"/> with the given roles (and a region claim, for the rota).</summary>
    public static string Mint(string subject, IEnumerable<string> roles, TimeSpan? lifetime = null, DateTime? now = null, string? region = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, subject) };
        claims.AddRange(roles.Select(role => new Claim(Roles.ClaimType, role)));
        if (region is not null)
        {
            claims.Add(new Claim(Roles.RegionClaimType, region));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(8)),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
