using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Weerbaarheid.Gateway.WebUi;

/// <summary>
/// The web UI (web/, built by Vite into this project's wwwroot) is static files served by the gateway, so
/// the page and the API share one origin: no CORS, and a strict content security policy.
/// </summary>
public static class WebUiExtensions
{
    /// <summary>
    /// Scripts, styles and API calls from this origin only; no inline code, no framing. With an OIDC provider
    /// the page also talks to it (discovery, token endpoint), so its origin joins connect-src.
    /// </summary>
    public static string ContentSecurityPolicy(string? authority)
    {
        var connect = Uri.TryCreate(authority, UriKind.Absolute, out var provider)
            ? $"'self' {provider.GetLeftPart(UriPartial.Authority)}"
            : "'self'";
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src {connect}; " +
               "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    public static WebApplication UseWebUi(this WebApplication app)
    {
        // Gateway:WebUi:Root points elsewhere when the UI is mounted separately; by default it is wwwroot.
        var path = GatewayOptions.From(app.Configuration).WebUi.Root is { Length: > 0 } configured
            ? Path.GetFullPath(configured, app.Environment.ContentRootPath)
            : app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot");
        if (!File.Exists(Path.Combine(path, "index.html")))
        {
            // Say how to get it rather than answering 404 on the front door.
            app.Logger.LogWarning("The web UI is not built ({WebRoot}/index.html is missing): npm --prefix web ci && npm --prefix web run build", path);
            app.MapGet("/", () => Results.Text(
                "The web UI is not built. Build it with: npm --prefix web ci && npm --prefix web run build " +
                "(./weerbaarheid run does this), then restart the gateway.", statusCode: StatusCodes.Status503ServiceUnavailable))
                .AllowAnonymous();
            return app;
        }

        var root = new PhysicalFileProvider(path);
        var policy = ContentSecurityPolicy(app.Configuration["Authentication:Authority"]);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = root });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = policy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Vite puts a content hash in every asset's name; index.html must always be fresh.
                headers[HeaderNames.CacheControl] = context.File.Name == "index.html"
                    ? "no-cache"
                    : context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "public, max-age=3600";
            },
        });
        return app;
    }
}
