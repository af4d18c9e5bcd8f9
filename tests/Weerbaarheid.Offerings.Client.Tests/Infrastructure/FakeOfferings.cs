extern alias Server;

using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerV1 = Server::Weerbaarheid.Offerings.V1;

namespace Weerbaarheid.Offerings.Client.Tests.Infrastructure;

/// <summary>
/// A stand-in for Offerings on a test server, to make it fail on purpose: RecommendOfferings answers as
/// <see cref="Recommend"/> says (UNAVAILABLE at first), ListOfferings fails its first <see cref="ListFailures"/>
/// calls and then serves <see cref="Pages"/>. It counts the calls that reach it.
/// </summary>
public sealed class FakeOfferings : IAsyncDisposable
{
    private WebApplication _app = null!;
    private volatile FakeAnswer _recommend = FakeAnswer.Unavailable;
    private int _recommendCalls;
    private int _listCalls;
    private int _listFailures;

    private FakeOfferings() { }

    /// <summary>The address the client is given; the test server answers whatever the host.</summary>
    public static readonly Uri Address = new("http://offerings.test");

    /// <summary>How RecommendOfferings answers.</summary>
    public FakeAnswer Recommend
    {
        get => _recommend;
        set => _recommend = value;
    }

    /// <summary>How many of all ListOfferings calls, counted from the first, fail.</summary>
    public int ListFailures
    {
        get => Volatile.Read(ref _listFailures);
        set => Volatile.Write(ref _listFailures, value);
    }

    /// <summary>ListOfferings' pages by page token ("" is the first); each names the next page's token.</summary>
    public Dictionary<string, (ServerV1.Offering[] Offerings, string NextPageToken)> Pages { get; } = new() { [""] = ([], "") };

    public int RecommendCalls => Volatile.Read(ref _recommendCalls);

    public int ListCalls => Volatile.Read(ref _listCalls);

    public static async Task<FakeOfferings> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGrpc();
        var fake = new FakeOfferings();
        builder.Services.AddSingleton(fake);
        fake._app = builder.Build();
        fake._app.MapGrpcService<Service>();
        await fake._app.StartAsync();
        return fake;
    }

    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static RpcException Unavailable() => new(new Status(StatusCode.Unavailable, "Down for the test."));

    private sealed class Service(FakeOfferings fake) : ServerV1.OfferingsService.OfferingsServiceBase
    {
        public override async Task<ServerV1.RecommendOfferingsResponse> RecommendOfferings(ServerV1.RecommendOfferingsRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref fake._recommendCalls);
            switch (fake.Recommend)
            {
                case FakeAnswer.Unavailable:
                    throw Unavailable();
                case FakeAnswer.InvalidArgument:
                    throw new RpcException(new Status(StatusCode.InvalidArgument, "Refused for the test."));
                case FakeAnswer.Hang:
                    await Task.Delay(Timeout.Infinite, context.CancellationToken);
                    break;
            }

            var response = new ServerV1.RecommendOfferingsResponse();
            response.Recommendations.Add(new ServerV1.Recommendation
            {
                Offering = new ServerV1.Offering { Name = "offerings/fake", Title = new ServerV1.LocalizedText { Nl = "Nep", En = "Fake" } },
                Reason = new ServerV1.LocalizedText { Nl = "Test.", En = "Test." },
            });
            return response;
        }

        public override Task<ServerV1.ListOfferingsResponse> ListOfferings(ServerV1.ListOfferingsRequest request, ServerCallContext context)
        {
            if (Interlocked.Increment(ref fake._listCalls) <= fake.ListFailures)
            {
                throw Unavailable();
            }

            var (offerings, next) = fake.Pages[request.PageToken];
            var response = new ServerV1.ListOfferingsResponse { NextPageToken = next };
            response.Offerings.AddRange(offerings);
            return Task.FromResult(response);
        }
    }
}

public enum FakeAnswer
{
    Unavailable,
    Ok,
    InvalidArgument,
    Hang,
}
