using System.Text.RegularExpressions;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.Gateway.WebUi;

/// <summary>
/// How the web UI signs people in. In production the police's OIDC provider (the authority the gateway
/// validates tokens against) with the UI's public client id. In local runs — Development and no authority,
/// exactly when hosts accept the public development key — a development sign-in that mints a token for any
/// role; it does not exist anywhere else.
/// </summary>
public static partial class SignInEndpoints
{
    public const string ConfigPath = "/auth/config";
    public const string DevelopmentSignInPath = "/dev/sign-in";

    public static WebApplication MapSignIn(this WebApplication app)
    {
        var authority = app.Configuration["Authentication:Authority"];
        var webUi = GatewayOptions.From(app.Configuration).WebUi;
        var development = string.IsNullOrWhiteSpace(authority) && app.Environment.IsDevelopment();

        var config = new SignInConfig(
            development,
            string.IsNullOrWhiteSpace(authority) ? null : new OidcConfig(authority, webUi.OidcClientId ?? "", webUi.OidcScope));
        app.MapGet(ConfigPath, () => Results.Json(config)).AllowAnonymous();

        if (development)
        {
            app.MapPost(DevelopmentSignInPath, (DevelopmentSignInRequest request) => SignIn(request)).AllowAnonymous();
        }

        return app;
    }

    private static IResult SignIn(DevelopmentSignInRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var subject = request.Subject?.Trim() ?? "";
        if (!SubjectPattern().IsMatch(subject))
        {
            errors["subject"] = ["Required: 1–64 of a–z, A–Z, 0–9, '-', '_', '.' (an employee number for TCO members and coordinators)."];
        }

        var roles = request.Roles ?? [];
        if (roles.Length == 0)
        {
            errors["roles"] = [$"At least one role: {string.Join(", ", Roles.All)}."];
        }

        foreach (var (role, index) in roles.Select((role, index) => (role, index)))
        {
            if (!Roles.All.Contains(role, StringComparer.Ordinal))
            {
                errors[$"roles[{index}]"] = [$"Unknown role '{role}'; one of {string.Join(", ", Roles.All)}."];
            }
        }

        var region = string.IsNullOrWhiteSpace(request.Region) ? null : request.Region.Trim();
        if (region is not null && !RegionPattern().IsMatch(region))
        {
            errors["region"] = ["A region slug such as amsterdam or zeeland-west-brabant."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var lifetime = TimeSpan.FromHours(8);
        var token = DevelopmentTokens.Mint(subject, roles.Distinct(StringComparer.Ordinal), lifetime, region: region);
        return Results.Json(new DevelopmentSignInResponse(token, DateTimeOffset.UtcNow + lifetime));
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^[a-z][a-z-]{1,40}\z")]
    private static partial Regex RegionPattern();
}

/// <summary>What the web UI reads first: which sign-in to offer.</summary>
public sealed record SignInConfig(bool DevelopmentSignIn, OidcConfig? Oidc);

public sealed record OidcConfig(string Authority, string ClientId, string Scope);

public sealed record DevelopmentSignInRequest(string? Subject, string[]? Roles, string? Region);

public sealed record DevelopmentSignInResponse(string Token, DateTimeOffset ExpiresAt);
