using System.Net;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Weerbaarheid.EndToEnd.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.EndToEnd.Tests;

/// <summary>Calls through the real gateway to the real Offerings service, by gRPC (h2c) and by JSON.</summary>
[Collection(SuiteCollection.Name)]
public sealed class GatewayTests(Suite suite)
{
    /// <summary>The programme's 16 offerings (domain.md), seeded on first start.</summary>
    private static readonly string[] Seeded =
    [
        "offerings/blauw-vakmanschap", "offerings/collegas-in-de-knel", "offerings/de-basis",
        "offerings/digitaal-gezondheidsplein", "offerings/fit-at-np", "offerings/landelijk-buddynetwerk",
        "offerings/loket-24-7", "offerings/medewerkersmonitor", "offerings/mental-check-up",
        "offerings/psychosociale-hulp", "offerings/signaleringstraining-leidinggevenden",
        "offerings/team-collegiale-ondersteuning", "offerings/thuisgroep-blauw", "offerings/training-mentale-weerbaarheid",
        "offerings/veilig-en-gezond-werken", "offerings/zelftest",
    ];

    [Fact]
    public async Task Gateway_serves_the_seeded_catalogue_by_grpc_and_json()
    {
        // gRPC, anonymously: reads are open to everyone.
        var listed = await suite.Offerings.ListOfferingsAsync(new ListOfferingsRequest { PageSize = 100 }, deadline: Samples.Deadline);
        Assert.Equal(Seeded.Order(StringComparer.Ordinal), SeededOnly(listed.Offerings.Select(o => o.Name)));
        Assert.Equal("", listed.NextPageToken);

        // JSON, transcoded by the service behind the gateway.
        using var list = await GetJsonAsync("/api/v1/offerings?pageSize=100");
        Assert.Equal(Seeded.Order(StringComparer.Ordinal), SeededOnly(list.RootElement.GetProperty("offerings").EnumerateArray()
            .Select(o => o.GetProperty("name").GetString()!)));

        using var one = await GetJsonAsync("/api/v1/offerings/loket-24-7");
        Assert.Equal("offerings/loket-24-7", one.RootElement.GetProperty("name").GetString());
        Assert.True(one.RootElement.GetProperty("availability").GetProperty("aroundTheClock").GetBoolean());

        using var recommend = new StringContent("""{"severity":"SEVERITY_URGENT"}""", Encoding.UTF8, "application/json");
        using var response = await suite.Json.PostAsync("/api/v1/offerings:recommend", recommend);
        using var recommended = await ReadJsonAsync(response);
        var contacts = recommended.RootElement.GetProperty("urgentHelp").GetProperty("contacts").EnumerateArray()
            .Select(c => c.GetProperty("value").GetString()).ToList();
        Assert.Contains("112", contacts);
        var first = recommended.RootElement.GetProperty("recommendations").EnumerateArray().First();
        Assert.True(first.GetProperty("offering").GetProperty("availability").GetProperty("aroundTheClock").GetBoolean(),
            "Urgent puts a 24/7 route first.");
    }

    [Fact]
    public async Task Writes_through_the_gateway_need_a_programme_admin()
    {
        var slug = Samples.NewSlug("auth");
        var request = new CreateOfferingRequest { OfferingId = slug, Offering = Samples.NewOffering("Alleen voor beheerders") };

        // No token: the gateway turns the call away before it reaches the service.
        var anonymous = await Assert.ThrowsAsync<RpcException>(() =>
            suite.Offerings.CreateOfferingAsync(request, deadline: Samples.Deadline).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        // A signed-in employee passes the gateway; the service checks the role again.
        var employee = await Assert.ThrowsAsync<RpcException>(() =>
            suite.Offerings.CreateOfferingAsync(request, Samples.As(Roles.Employee), Samples.Deadline).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, employee.StatusCode);

        var created = await suite.Offerings.CreateOfferingAsync(request, Samples.ProgrammeAdmin, Samples.Deadline);
        Assert.Equal($"offerings/{slug}", created.Offering.Name);
        Assert.Equal(State.Active, created.Offering.State);
        Assert.NotEqual("", created.Offering.Etag);

        // JSON writes too.
        using var body = new StringContent("""{"title":{"nl":"x","en":"x"}}""", Encoding.UTF8, "application/json");
        using var response = await suite.Json.PostAsync($"/api/v1/offerings?offeringId={Samples.NewSlug("json")}", body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Json_clients_get_every_invalid_field_and_not_found_details_like_grpc_clients()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/offerings?offeringId=Bad_Slug")
        {
            Content = new StringContent("""{"title":{"nl":"x"},"category":"CATEGORY_PREVENTION"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", DevelopmentTokens.Mint("e2e-admin", [Roles.ProgrammeAdmin]));
        using var invalid = await suite.Json.SendAsync(request);
        var invalidBody = await invalid.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var error = JsonDocument.Parse(invalidBody);
        var detail = Assert.Single(error.RootElement.GetProperty("details").EnumerateArray());
        Assert.Equal("type.googleapis.com/google.rpc.BadRequest", detail.GetProperty("@type").GetString());
        var fields = detail.GetProperty("fieldViolations").EnumerateArray().Select(v => v.GetProperty("field").GetString()).ToList();
        Assert.Contains("offering_id", fields);
        Assert.Contains("offering.title.en", fields);
        Assert.Contains("offering.audiences", fields);
        Assert.Contains("offering.provider", fields);

        using var missing = await suite.Json.GetAsync("/api/v1/offerings/does-not-exist");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("offerings/does-not-exist", await missing.Content.ReadAsStringAsync());
    }

    private static string[] SeededOnly(IEnumerable<string> names) =>
        [.. names.Where(n => !n.StartsWith($"offerings/{Samples.TestSlugPrefix}", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await suite.Json.GetAsync(path);
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body);
    }
}
