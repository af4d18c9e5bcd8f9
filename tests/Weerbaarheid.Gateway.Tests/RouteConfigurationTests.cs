using System.Text.Json;

namespace Weerbaarheid.Gateway.Tests;

/// <summary>
/// The gateway is configuration; these rules keep a new route from opening a hole: every route names
/// its authorization policy, anonymous routes are rate-limited, backends are reached over h2c and
/// watched by active and passive health checks.
/// </summary>
public sealed class RouteConfigurationTests
{
    private static readonly JsonElement Proxy = LoadProxyConfiguration();

    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        foreach (var route in Proxy.GetProperty("Routes").EnumerateObject())
        {
            data.Add(route.Name);
        }

        return data;
    }

    public static TheoryData<string> Clusters()
    {
        var data = new TheoryData<string>();
        foreach (var cluster in Proxy.GetProperty("Clusters").EnumerateObject())
        {
            data.Add(cluster.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Only_long_lived_streams_go_without_a_request_timeout_and_their_cluster_outlasts_the_heartbeat(string route)
    {
        var config = Proxy.GetProperty("Routes").GetProperty(route);
        var longLived = config.TryGetProperty("Metadata", out var metadata)
                        && metadata.TryGetProperty("LongLived", out var flag) && flag.GetString() == "true";
        var timeoutPolicy = config.TryGetProperty("TimeoutPolicy", out var policy) ? policy.GetString() : null;

        Assert.Equal(longLived ? "Disable" : null, timeoutPolicy);
        if (longLived)
        {
            // WatchDispatches sends a heartbeat every 15 s (PeerSupport:Dispatch:HeartbeatInterval); an idle stream
            // is cut after the cluster's activity timeout, so that must leave room for a late heartbeat or two.
            var cluster = Proxy.GetProperty("Clusters").GetProperty(config.GetProperty("ClusterId").GetString()!);
            var activity = TimeSpan.Parse(cluster.GetProperty("HttpRequest").GetProperty("ActivityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(activity >= TimeSpan.FromSeconds(45), $"{route}: the activity timeout {activity} is too close to the 15 s heartbeat.");
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Every_route_states_its_authorization_policy(string route)
    {
        var policy = Proxy.GetProperty("Routes").GetProperty(route).GetProperty("AuthorizationPolicy").GetString();
        Assert.Contains(policy, new[] { "Anonymous", "Default" });
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Anonymous_routes_are_rate_limited(string route)
    {
        var config = Proxy.GetProperty("Routes").GetProperty(route);
        if (config.GetProperty("AuthorizationPolicy").GetString() == "Anonymous")
        {
            Assert.Equal(Extensions.AnonymousRateLimitPolicy, config.GetProperty("RateLimiterPolicy").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Clusters))]
    public void Backends_are_reached_over_h2c_with_health_checks(string cluster)
    {
        var config = Proxy.GetProperty("Clusters").GetProperty(cluster);
        var request = config.GetProperty("HttpRequest");
        Assert.Equal("2", request.GetProperty("Version").GetString());
        Assert.Equal("RequestVersionExact", request.GetProperty("VersionPolicy").GetString());
        var health = config.GetProperty("HealthCheck");
        Assert.True(health.GetProperty("Active").GetProperty("Enabled").GetBoolean());
        Assert.Equal("/health/ready", health.GetProperty("Active").GetProperty("Path").GetString());
        Assert.True(health.GetProperty("Passive").GetProperty("Enabled").GetBoolean());
    }

    private static JsonElement LoadProxyConfiguration()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("ReverseProxy").Clone();
    }
}
