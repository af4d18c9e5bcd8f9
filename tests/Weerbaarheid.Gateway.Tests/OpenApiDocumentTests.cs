using System.Net;
using System.Text.Json;
using Google.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Weerbaarheid.Gateway.OpenApi;

namespace Weerbaarheid.Gateway.Tests;

/// <summary>The gateway serves an OpenAPI document of the JSON API, built from every contract's HTTP rules.</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private readonly WebApplicationFactory<GatewayOptions> _gateway =
        new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(web => web.UseEnvironment("Development"));

    [Fact]
    public void Every_service_of_every_contract_is_read()
    {
        Assert.Equal(
            ["weerbaarheid.offerings.v1.OfferingsService", "weerbaarheid.peer_support.v1.DispatchService", "weerbaarheid.peer_support.v1.RotaService",
             "weerbaarheid.self_test.v1.SelfTestService", "weerbaarheid.signal_training.v1.SignalGuidanceService", "weerbaarheid.signal_training.v1.TrainingService"],
            JsonApiDocument.Contracts.SelectMany(f => f.Services).Select(s => s.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Anyone_can_read_it_and_it_has_one_operation_per_rpc_with_an_http_rule()
    {
        var response = await _gateway.CreateClient().GetAsync(Extensions.OpenApiPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(verb => verb.Value.GetProperty("operationId").GetString()!))
            .Order(StringComparer.Ordinal)
            .ToList();
        var rpcs = JsonApiDocument.Contracts.SelectMany(f => f.Services)
            .SelectMany(s => s.Methods.Where(m => m.GetOptions()?.HasExtension(AnnotationsExtensions.Http) == true).Select(m => $"{s.Name}_{m.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(rpcs, operations);
        Assert.Equal("3.0.3", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task Resource_names_become_paths_of_their_own_with_their_parameters_and_schemas()
    {
        using var document = JsonDocument.Parse(await _gateway.CreateClient().GetStringAsync(Extensions.OpenApiPath));
        var paths = document.RootElement.GetProperty("paths");

        var apply = paths.GetProperty("/api/v1/courses/{course}/cohorts/{cohort}:apply").GetProperty("post");
        Assert.Equal(["course", "cohort"], apply.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal("#/components/schemas/weerbaarheid.signal_training.v1.ApplyForCohortRequest",
            apply.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(paths.GetProperty("/api/v1/offerings/{offering}").TryGetProperty("get", out _));
        var listCohorts = paths.GetProperty("/api/v1/courses/{course}/cohorts").GetProperty("get");
        Assert.Contains(listCohorts.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "showEnded" && p.GetProperty("in").GetString() == "query");

        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var state = schemas.GetProperty("weerbaarheid.signal_training.v1.EnrolmentState").GetProperty("enum").EnumerateArray().Select(v => v.GetString());
        Assert.Contains("ENROLMENT_STATE_WAITLISTED", state);
        var enrolment = schemas.GetProperty("weerbaarheid.signal_training.v1.Enrolment").GetProperty("properties");
        Assert.Equal("date-time", enrolment.GetProperty("createTime").GetProperty("format").GetString());
    }

    public void Dispose() => _gateway.Dispose();
}
