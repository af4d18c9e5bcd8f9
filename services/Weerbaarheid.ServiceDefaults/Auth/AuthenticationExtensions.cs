using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Weerbaarheid.ServiceDefaults.Auth;

public static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication. With <c>Authentication:Authority</c> set, tokens come from that OIDC
    /// provider (audience <c>Authentication:Audience</c>, default "weerbaarheid"). Without it, only in
    /// Development, the public development key is accepted; anywhere else the host refuses to start.
    /// Everything requires an authenticated caller unless it is marked anonymous.
    /// </summary>
    public static IHostApplicationBuilder AddServiceAuthentication(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Authentication");
        var authority = section["Authority"];
        var audience = section["Audience"] ?? DevelopmentTokens.Audience;
        if (string.IsNullOrWhiteSpace(authority) && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Authentication:Authority (the OIDC provider) must be configured outside Development; " +
                "the development signing key is only accepted when ASPNETCORE_ENVIRONMENT=Development.");
        }

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                if (string.IsNullOrWhiteSpace(authority))
                {
                    options.TokenValidationParameters = DevelopmentTokens.ValidationParameters;
                }
                else
                {
                    options.Authority = authority;
                    options.Audience = audience;
                    options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
                    options.TokenValidationParameters.RoleClaimType = Roles.ClaimType;
                    options.TokenValidationParameters.NameClaimType = JwtRegisteredClaimNames.Sub;
                }
            });

        builder.Services.AddAuthorizationBuilder()
            // Forgetting an attribute must not open an endpoint: the fallback demands a signed-in caller.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
