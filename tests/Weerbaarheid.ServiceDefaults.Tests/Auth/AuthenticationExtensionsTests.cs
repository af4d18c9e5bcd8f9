using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.ServiceDefaults.Tests.Auth;

/// <summary>Production never accepts the public development key; Development does, and roles are checked.</summary>
public sealed class AuthenticationExtensionsTests
{
    [Fact]
    public void Production_without_an_authority_refuses_to_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddServiceAuthentication());

        Assert.Contains("Authentication:Authority", error.Message);
    }

    [Fact]
    public void Staging_without_an_authority_refuses_to_start_too()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Staging });

        Assert.Throws<InvalidOperationException>(() => builder.AddServiceAuthentication());
    }

    [Fact]
    public void Production_with_an_authority_validates_tokens_from_that_authority()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = "https://login.politie.example/realms/weerbaarheid",
        });

        builder.AddServiceAuthentication();

        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Equal("https://login.politie.example/realms/weerbaarheid", options.Authority);
        Assert.Equal(DevelopmentTokens.Audience, options.Audience);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(Roles.ClaimType, options.TokenValidationParameters.RoleClaimType);
        Assert.NotEqual(DevelopmentTokens.Issuer, options.TokenValidationParameters.ValidIssuer);
    }

    [Fact]
    public void Development_without_an_authority_starts_and_accepts_the_development_key()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });

        builder.AddServiceAuthentication();

        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        Assert.Null(options.Authority);
        Assert.Equal(DevelopmentTokens.Issuer, options.TokenValidationParameters.ValidIssuer);
        Assert.Equal(DevelopmentTokens.Audience, options.TokenValidationParameters.ValidAudience);
    }

    [Fact]
    public async Task Development_host_rejects_anonymous_callers_and_checks_roles_of_minted_tokens()
    {
        await using var app = await StartDevelopmentAppAsync();
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/open")).StatusCode);

        using var asEmployee = Get("/me", DevelopmentTokens.Mint("employee-17", [Roles.Employee]));
        var me = await client.SendAsync(asEmployee);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("employee-17", await me.Content.ReadAsStringAsync());

        using var employeeToRota = Get("/rota", DevelopmentTokens.Mint("employee-17", [Roles.Employee]));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(employeeToRota)).StatusCode);

        using var coordinatorToRota = Get("/rota", DevelopmentTokens.Mint("coordinator-1", [Roles.TcoMember, Roles.TcoCoordinator]));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(coordinatorToRota)).StatusCode);

        using var garbage = Get("/me", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(garbage)).StatusCode);
    }

    private static async Task<WebApplication> StartDevelopmentAppAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.AddServiceAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (ClaimsPrincipal user) => user.Identity!.Name);
        app.MapGet("/open", () => "open").AllowAnonymous();
        app.MapGet("/rota", () => "rota").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.TcoCoordinator });
        await app.StartAsync();
        return app;
    }

    private static HttpRequestMessage Get(string path, string token) => new(HttpMethod.Get, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };
}
