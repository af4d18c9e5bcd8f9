using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Weerbaarheid.Offerings.Client.Tests.Infrastructure;
using Weerbaarheid.Offerings.V1;
using static Weerbaarheid.Offerings.Client.Tests.Infrastructure.Samples;

namespace Weerbaarheid.Offerings.Client.Tests.Recommendations;

/// <summary>
/// When Offerings does not answer, the service still recommends, from its local copy, and says so; after
/// enough failures the circuit opens and Offerings is left alone until the break is over.
/// </summary>
public sealed class FallbackTests
{
    private static readonly Contracts.Offerings.OfferingChanged[] Catalogue =
    [
        Created("buddy", Snapshot(title: "Buddy", topics: ["TOPIC_STRESS"])),
        Created("tco", Snapshot(title: "TCO", topics: ["TOPIC_HEAVY_INCIDENT"], aroundTheClock: true)),
        Created("check-up", Snapshot(title: "Check-up", category: "CATEGORY_PREVENTION", topics: ["TOPIC_STRESS", "TOPIC_BURNOUT"])),
    ];

    /// <summary>Retries on, a breaker that opens after two failed calls, and a break the test ends by moving time.</summary>
    private static Dictionary<string, string?> Settings(Uri address) => new()
    {
        ["Offerings:Address"] = address.ToString(),
        ["Offerings:Deadline"] = "00:00:05",
        ["Offerings:MaxAttempts"] = "2",
        ["Offerings:BreakerFailureRatio"] = "0.5",
        ["Offerings:BreakerMinimumThroughput"] = "2",
        ["Offerings:BreakerSamplingDuration"] = "00:01:00",
        ["Offerings:BreakDuration"] = "00:00:30",
    };

    [Fact]
    public async Task With_nothing_listening_at_Offerings_address_the_answer_comes_from_the_local_copy()
    {
        await using var service = await ClientHost.StartAsync(Settings(NothingListens()));
        foreach (var created in Catalogue)
        {
            await service.DeliverAsync(created);
        }

        var answer = await service.RecommendAsync(Severity.Urgent, [Topic.Stress]);
        var again = await service.RecommendAsync(Severity.Urgent, [Topic.Stress]);

        Assert.Equal(RecommendationSource.LocalCopy, answer.Source);
        Assert.Equal(["offerings/tco", "offerings/buddy", "offerings/check-up"], answer.Offerings.Select(o => o.Name));
        Assert.Equal("Direct bereikbaar, dag en nacht.", answer.Offerings[0].ReasonNl);
        // Only Offerings' own answers are cached.
        Assert.Equal(RecommendationSource.LocalCopy, again.Source);
    }

    [Fact]
    public async Task An_empty_local_copy_answers_with_nothing_rather_than_failing()
    {
        await using var service = await ClientHost.StartAsync(Settings(NothingListens()));

        var answer = await service.RecommendAsync(Severity.Mild, [Topic.Stress]);

        Assert.Equal((RecommendationSource.LocalCopy, 0), (answer.Source, answer.Offerings.Count));
    }

    [Fact]
    public async Task Unavailable_is_retried_and_after_enough_failures_the_circuit_opens_until_the_break_is_over()
    {
        await using var offerings = await FakeOfferings.StartAsync();
        await using var service = await ClientHost.StartAsync(Settings(FakeOfferings.Address), offerings.CreateHandler);
        await service.AddToCopyAsync(Catalogue);

        var failed = new[]
        {
            await service.RecommendAsync(Severity.Mild, [Topic.Stress]),
            await service.RecommendAsync(Severity.Mild, [Topic.Stress]),
        };
        // Two calls of two attempts each (the channel's retry policy) reached Offerings, and both failed.
        Assert.Equal(4, offerings.RecommendCalls);

        offerings.Recommend = FakeAnswer.Ok;
        var whileOpen = await service.RecommendAsync(Severity.Mild, [Topic.Stress]);

        Assert.All(failed, a => Assert.Equal(RecommendationSource.LocalCopy, a.Source));
        Assert.Equal(RecommendationSource.LocalCopy, whileOpen.Source);
        Assert.Equal(["offerings/buddy", "offerings/check-up"], whileOpen.Offerings.Select(o => o.Name));
        Assert.Equal(4, offerings.RecommendCalls); // the open circuit kept the call from Offerings

        service.Time.Advance(TimeSpan.FromSeconds(31));
        var afterBreak = await service.RecommendAsync(Severity.Mild, [Topic.Stress]);

        Assert.Equal(RecommendationSource.Live, afterBreak.Source);
        Assert.Equal("offerings/fake", Assert.Single(afterBreak.Offerings).Name);
        Assert.Equal(5, offerings.RecommendCalls);
    }

    [Fact]
    public async Task A_call_past_its_deadline_is_answered_from_the_local_copy()
    {
        await using var offerings = await FakeOfferings.StartAsync();
        var settings = Settings(FakeOfferings.Address);
        settings["Offerings:Deadline"] = "00:00:00.200";
        await using var service = await ClientHost.StartAsync(settings, offerings.CreateHandler);
        await service.AddToCopyAsync(Catalogue);
        offerings.Recommend = FakeAnswer.Hang;

        var answer = await service.RecommendAsync(Severity.Mild, [Topic.HeavyIncident]);

        Assert.Equal(RecommendationSource.LocalCopy, answer.Source);
        Assert.Equal("offerings/tco", Assert.Single(answer.Offerings).Name);
        Assert.Equal(1, offerings.RecommendCalls); // DEADLINE_EXCEEDED is not retried
    }

    [Fact]
    public async Task Invalid_argument_from_Offerings_is_a_mistake_of_the_caller_and_is_thrown()
    {
        await using var offerings = await FakeOfferings.StartAsync();
        await using var service = await ClientHost.StartAsync(Settings(FakeOfferings.Address), offerings.CreateHandler);
        offerings.Recommend = FakeAnswer.InvalidArgument;

        for (var i = 0; i < 3; i++)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => service.RecommendAsync(Severity.Mild, [Topic.Stress]));
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        }

        // Not a failure of Offerings: the circuit stays closed and every call reached it, once.
        Assert.Equal(3, offerings.RecommendCalls);
    }

    /// <summary>A loopback port that was free a moment ago: connecting to it is refused.</summary>
    private static Uri NothingListens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
