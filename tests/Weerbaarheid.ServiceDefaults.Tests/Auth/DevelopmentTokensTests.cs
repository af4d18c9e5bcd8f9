using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.ServiceDefaults.Tests.Auth;

/// <summary>The tokens of local runs: valid for the development parameters, carrying their roles, and nothing more.</summary>
public sealed class DevelopmentTokensTests
{
    [Fact]
    public async Task Minted_token_validates_with_the_development_parameters_and_carries_its_roles()
    {
        var token = DevelopmentTokens.Mint("employee-17", [Roles.TcoMember, Roles.Trainer]);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevelopmentTokens.ValidationParameters);

        Assert.True(result.IsValid, result.Exception?.Message);
        var user = new ClaimsPrincipal(result.ClaimsIdentity);
        Assert.Equal("employee-17", user.Identity!.Name);
        Assert.True(user.IsInRole(Roles.TcoMember));
        Assert.True(user.IsInRole(Roles.Trainer));
        Assert.False(user.IsInRole(Roles.ProgrammeAdmin));
        Assert.Equal([Roles.TcoMember, Roles.Trainer], user.FindAll(Roles.ClaimType).Select(c => c.Value).Order());
    }

    [Fact]
    public async Task Token_with_a_single_role_is_in_that_role()
    {
        var token = DevelopmentTokens.Mint("coordinator-1", [Roles.TcoCoordinator]);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevelopmentTokens.ValidationParameters);

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.True(new ClaimsPrincipal(result.ClaimsIdentity).IsInRole(Roles.TcoCoordinator));
    }

    [Fact]
    public async Task Token_past_its_lifetime_is_rejected()
    {
        var issuedAt = DateTime.UtcNow - TimeSpan.FromHours(2);
        var token = DevelopmentTokens.Mint("employee-17", [Roles.Employee], lifetime: TimeSpan.FromHours(1), now: issuedAt);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, DevelopmentTokens.ValidationParameters);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task Token_signed_with_another_key_is_rejected()
    {
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("someone-elses-signing-key-of-sufficient-length-0123456789"))
        {
            KeyId = "weerbaarheid-development",
        };
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokens.Issuer,
            Audience = DevelopmentTokens.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "intruder"), new Claim(Roles.ClaimType, Roles.ProgrammeAdmin)]),
            SigningCredentials = new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256),
        });

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(forged, DevelopmentTokens.ValidationParameters);

        Assert.False(result.IsValid);
    }
}
