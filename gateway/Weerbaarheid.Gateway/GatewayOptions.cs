namespace Weerbaarheid.Gateway;

/// <summary>Section <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Limits for routes open to anonymous callers, per client address.</summary>
    public AnonymousRateLimit AnonymousRateLimit { get; set; } = new();

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// The longest a request may take end to end, answered 504 after it. Long-lived streams
    /// (WatchDispatches) have none: their routes set <c>"TimeoutPolicy": "Disable"</c>.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Browser origins allowed to call the API cross-origin (e.g. a portal); none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public WebUiOptions WebUi { get; set; } = new();

    /// <summary>
    /// Resolve each destination's host name to all its addresses, each a destination of its own with its own
    /// health (Kubernetes: point destinations at a headless Service). Off for local runs, where localhost
    /// would become two destinations (IPv4 and IPv6) of one process.
    /// </summary>
    public bool ResolveDestinationsByDns { get; set; }

    /// <summary>How often names are resolved again, so new and removed pods are seen.</summary>
    public TimeSpan DnsRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    public static GatewayOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<GatewayOptions>() ?? new GatewayOptions();
}

/// <summary>Section <c>Gateway:WebUi</c>: the static web app the gateway serves.</summary>
public sealed class WebUiOptions
{
    /// <summary>Folder with the built UI (index.html); default the gateway's wwwroot, where <c>npm --prefix web run build</c> puts it.</summary>
    public string? Root { get; set; }

    /// <summary>The UI's public OIDC client id at the police's identity provider (<c>Authentication:Authority</c>).</summary>
    public string? OidcClientId { get; set; }

    /// <summary>What the UI asks the provider for: sign-in, plus the scope that gets an access token for this API.</summary>
    public string OidcScope { get; set; } = "openid profile";
}

/// <summary>A token bucket per client address: bursts up to <see cref="Burst"/>, refilled at <see cref="PerSecond"/>.</summary>
public sealed class AnonymousRateLimit
{
    public int PerSecond { get; set; } = 20;
    public int Burst { get; set; } = 60;
}
