using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy;

namespace Weerbaarheid.Gateway.Tests;

/// <summary>
/// In Kubernetes the gateway resolves a headless Service's name to every ready pod, so requests are balanced
/// over pods instead of riding one HTTP/2 connection to one pod. Local runs keep the name as it is.
/// </summary>
public sealed class DestinationResolutionTests
{
    [Fact]
    public async Task With_dns_resolution_each_address_of_a_name_is_a_destination_of_its_own()
    {
        using var gateway = Gateway(resolve: true);
        gateway.CreateClient(); // starts the host

        var addresses = await DestinationAddressesAsync(gateway, expectResolved: true);

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.True(IPAddress.TryParse(new Uri(address).Host.Trim('[', ']'), out _), address));
        Assert.All(addresses, address => Assert.Equal(5999, new Uri(address).Port));
    }

    [Fact]
    public async Task Without_it_the_configured_name_is_the_destination()
    {
        using var gateway = Gateway(resolve: false);
        gateway.CreateClient();

        Assert.Equal(["http://localhost:5999"], await DestinationAddressesAsync(gateway, expectResolved: false));
    }

    private static async Task<List<string>> DestinationAddressesAsync(WebApplicationFactory<GatewayOptions> gateway, bool expectResolved)
    {
        var lookup = gateway.Services.GetRequiredService<IProxyStateLookup>();
        // Resolution runs when the configuration is applied; give it a bounded moment, never a fixed sleep.
        for (var attempt = 0; ; attempt++)
        {
            Assert.True(lookup.TryGetCluster("offerings", out var cluster));
            var addresses = cluster.Destinations.Values.Select(d => d.Model.Config.Address.TrimEnd('/')).ToList();
            if (!expectResolved || addresses.All(a => !a.Contains("localhost", StringComparison.Ordinal)) || attempt == 100)
            {
                return addresses;
            }

            await Task.Delay(50);
        }
    }

    private static WebApplicationFactory<GatewayOptions> Gateway(bool resolve) =>
        new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Gateway:ResolveDestinationsByDns", resolve ? "true" : "false");
            web.UseSetting("ReverseProxy:Clusters:offerings:Destinations:primary:Address", "http://localhost:5999");
        });
}
