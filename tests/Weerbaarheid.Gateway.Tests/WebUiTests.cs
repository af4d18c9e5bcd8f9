using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Weerbaarheid.Gateway.WebUi;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.Gateway.Tests;

/// <summary>The gateway serving the web UI and its sign-in: static files, security headers, development tokens.</summary>
public sealed class WebUiTests : IDisposable
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("weerbaarheid-webroot-").FullName;

    public WebUiTests()
    {
        File.WriteAllText(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>Weerbaarheid</title>");
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        File.WriteAllText(Path.Combine(_webRoot, "assets", "index-abc123.js"), "console.log(1)");
    }

    [Fact]
    public async Task Page_is_public_with_a_strict_content_security_policy()
    {
        using var gateway = Gateway("Development");
        var response = await gateway.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Weerbaarheid</title>", await response.Content.ReadAsStringAsync());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());

        var asset = await gateway.CreateClient().GetAsync("/assets/index-abc123.js");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Unbuilt_page_says_how_to_build_it()
    {
        File.Delete(Path.Combine(_webRoot, "index.html"));
        using var gateway = Gateway("Development");

        var response = await gateway.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm --prefix web", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Development_sign_in_mints_a_token_the_suite_accepts()
    {
        using var gateway = Gateway("Development");
        var client = gateway.CreateClient();

        var config = await client.GetFromJsonAsync<JsonElement>(SignInEndpoints.ConfigPath);
        Assert.True(config.GetProperty("developmentSignIn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, config.GetProperty("oidc").ValueKind);

        var response = await client.PostAsJsonAsync(SignInEndpoints.DevelopmentSignInPath,
            new { subject = "demo-amsterdam-2", roles = new[] { Roles.TcoMember }, region = "amsterdam" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = new JsonWebTokenHandler().ValidateTokenAsync(body.GetProperty("token").GetString(), DevelopmentTokens.ValidationParameters);
        var result = await token;
        Assert.True(result.IsValid);
        Assert.Equal("demo-amsterdam-2", result.Claims["sub"]);
        Assert.Equal("amsterdam", result.Claims[Roles.RegionClaimType]);
        Assert.Equal(Roles.TcoMember, result.Claims[Roles.ClaimType]);
    }

    [Fact]
    public async Task Development_sign_in_names_every_bad_field()
    {
        using var gateway = Gateway("Development");

        var response = await gateway.CreateClient().PostAsync(SignInEndpoints.DevelopmentSignInPath, new StringContent(
            """{"subject":"a b","roles":["tco-member","root"],"region":"Amsterdam!"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["region", "roles[1]", "subject"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Development_sign_in_does_not_exist_once_an_identity_provider_is_configured()
    {
        using var gateway = Gateway("Development", ("Authentication:Authority", "https://login.politie.example"),
            ("Gateway:WebUi:OidcClientId", "weerbaarheid-web"));
        var client = gateway.CreateClient();

        var config = await client.GetFromJsonAsync<JsonElement>(SignInEndpoints.ConfigPath);
        Assert.False(config.GetProperty("developmentSignIn").GetBoolean());
        Assert.Equal("https://login.politie.example", config.GetProperty("oidc").GetProperty("authority").GetString());
        Assert.Equal("weerbaarheid-web", config.GetProperty("oidc").GetProperty("clientId").GetString());

        Assert.Contains("connect-src 'self' https://login.politie.example;",
            (await client.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single());

        var response = await client.PostAsJsonAsync(SignInEndpoints.DevelopmentSignInPath,
            new { subject = "mallory", roles = new[] { Roles.ProgrammeAdmin } });
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAEC", new byte[] { 0, 1, 2 })]
    [InlineData("AA==AAE=AAEC", new byte[] { 0, 0, 1, 0, 1, 2 })] // padded chunks one after another
    [InlineData("", new byte[0])]
    public void Grpc_web_text_bodies_decode_chunk_by_chunk(string text, byte[] expected)
    {
        Assert.True(GrpcWebText.TryDecode(Encoding.ASCII.GetBytes(text), out var decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("AAE")]
    [InlineData("A===")]
    [InlineData("AA$=")]
    public void Grpc_web_text_that_is_not_base64_is_refused(string text) =>
        Assert.False(GrpcWebText.TryDecode(Encoding.ASCII.GetBytes(text), out _));

    public void Dispose() => Directory.Delete(_webRoot, recursive: true);

    private WebApplicationFactory<GatewayOptions> Gateway(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("Gateway:WebUi:Root", _webRoot);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
}
