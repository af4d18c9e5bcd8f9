using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.Forwarder;

namespace Weerbaarheid.Gateway.Tests;

/// <summary>The gateway in process, forwarding to a recording stub instead of a real service.</summary>
public sealed class GatewayBehaviourTests : IDisposable
{
    private readonly RecordingBackend _backend = new();
    private readonly WebApplicationFactory<GatewayOptions> _gateway;

    public GatewayBehaviourTests()
    {
        _gateway = new WebApplicationFactory<GatewayOptions>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Development");
            web.UseSetting("Gateway:AnonymousRateLimit:PerSecond", "1");
            web.UseSetting("Gateway:AnonymousRateLimit:Burst", "3");
            web.UseSetting("Gateway:RequestTimeout", "00:00:00.500");
            web.UseSetting("Gateway:CorsOrigins:0", "https://portaal.politie.example");
            web.ConfigureTestServices(services =>
                services.AddSingleton<IForwarderHttpClientFactory>(new StubClientFactory(_backend)));
        });
    }

    [Fact]
    public async Task Anonymous_read_is_forwarded_to_the_service()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/v1/offerings/loket-24-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/v1/offerings/loket-24-7", _backend.Paths);
    }

    [Fact]
    public async Task Write_without_a_token_is_rejected_before_it_reaches_the_service()
    {
        var response = await _gateway.CreateClient().PostAsync("/api/v1/offerings", JsonBody("{}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_backend.Paths);
    }

    [Fact]
    public async Task Write_with_a_valid_token_is_forwarded_with_the_token()
    {
        var client = _gateway.CreateClient();
        var token = DevelopmentTokens.Mint("alice", [Roles.ProgrammeAdmin]);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.PostAsync("/api/v1/offerings", JsonBody("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Bearer {token}", _backend.LastAuthorization);
    }

    [Fact]
    public async Task Grpc_write_without_a_token_is_rejected_and_anonymous_grpc_read_is_forwarded()
    {
        var client = _gateway.CreateClient();

        var write = await client.SendAsync(GrpcRequest("CreateOffering"));
        var read = await client.SendAsync(GrpcRequest("ListOfferings"));

        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(["/weerbaarheid.offerings.v1.OfferingsService/ListOfferings"], _backend.Paths);
    }

    [Fact]
    public async Task Every_request_gets_a_correlation_id_that_the_service_receives_too()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/v1/offerings/loket-24-7");

        var id = Assert.Single(response.Headers.GetValues(CorrelationIdMiddleware.HeaderName));
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, _backend.LastCorrelationId);
    }

    [Fact]
    public async Task A_request_the_service_does_not_answer_in_time_gets_504()
    {
        var response = await _gateway.CreateClient().GetAsync("/api/v1/offerings/slow");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task A_long_lived_stream_outlives_the_request_timeout()
    {
        using var response = await OpenWatchAsync();
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal((byte)'[', (byte)body.ReadByte());

        // Four times the 0.5 s request timeout: a unary call would have been cut long before.
        var reading = body.ReadAsync(new byte[64]).AsTask();
        var first = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2)));

        Assert.NotSame(reading, first);
    }

    [Fact]
    public async Task A_configured_origin_passes_the_cors_preflight_and_others_do_not()
    {
        var client = _gateway.CreateClient();

        var allowed = await client.SendAsync(Preflight("https://portaal.politie.example"));
        var other = await client.SendAsync(Preflight("https://elders.example"));

        Assert.Equal("https://portaal.politie.example", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Empty(_backend.Paths);

        static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, "/weerbaarheid.offerings.v1.OfferingsService/CreateOffering")
        {
            Headers = { { "Origin", origin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "authorization,content-type,x-grpc-web" } },
        };
    }

    [Fact]
    public async Task Anonymous_callers_beyond_the_burst_get_429()
    {
        var client = _gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/offerings")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    [Fact]
    public async Task Request_bodies_over_the_limit_are_refused()
    {
        // The limit is Kestrel's, so this one runs on a real Kestrel port instead of the test server.
        _gateway.UseKestrel(0);
        _gateway.StartServer();
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint("alice", [Roles.ProgrammeAdmin]));

        var response = await client.PostAsync("/api/v1/offerings", JsonBody(new string('x', 2 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_backend.Paths);
    }

    [Fact]
    public async Task A_long_lived_stream_is_ended_when_the_gateway_stops()
    {
        using var response = await OpenWatchAsync();
        var body = await response.Content.ReadAsStreamAsync();
        Assert.Equal((byte)'[', (byte)body.ReadByte()); // the stream has begun: the gateway is forwarding it
        var reading = body.ReadAsync(new byte[64]).AsTask();

        _gateway.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // The stub's stream never ends by itself: only the gateway cutting it ends this read.
        var ended = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(reading, ended);
    }

    public void Dispose() => _gateway.Dispose();

    /// <summary>A member's WatchDispatches stream through the gateway, to the stub's endless stream.</summary>
    private async Task<HttpResponseMessage> OpenWatchAsync()
    {
        var client = _gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Mint("demo-amsterdam-2", [Roles.TcoMember]));
        var watch = new HttpRequestMessage(HttpMethod.Post, "/weerbaarheid.peer_support.v1.DispatchService/WatchDispatches")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };
        var response = await client.SendAsync(watch, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static StringContent JsonBody(string json) => new(json, MediaTypeHeaderValue.Parse("application/json"));

    private static HttpRequestMessage GrpcRequest(string method) =>
        new(HttpMethod.Post, $"/weerbaarheid.offerings.v1.OfferingsService/{method}")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } },
        };

    private sealed class StubClientFactory(RecordingBackend backend) : IForwarderHttpClientFactory
    {
        public HttpMessageInvoker CreateClient(ForwarderHttpClientContext context) => new(backend);
    }

    private sealed class RecordingBackend : HttpMessageHandler
    {
        private readonly List<string> _paths = [];

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_paths)
                {
                    return _paths.ToArray();
                }
            }
        }

        public string? LastAuthorization { get; private set; }

        public string? LastCorrelationId { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                await request.Content.ReadAsByteArrayAsync(cancellationToken);
            }

            // The gateway's own active health probes are not callers' requests.
            if (request.RequestUri!.AbsolutePath != "/health/ready")
            {
                lock (_paths)
                {
                    _paths.Add(request.RequestUri.AbsolutePath);
                }
            }

            if (request.RequestUri.AbsolutePath.EndsWith("/slow", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken); // cut by the gateway's request timeout
            }

            LastAuthorization = request.Headers.Authorization?.ToString();
            LastCorrelationId = request.Headers.TryGetValues(CorrelationIdMiddleware.HeaderName, out var ids) ? string.Join(",", ids) : null;
            HttpContent content = request.RequestUri.AbsolutePath.EndsWith("/WatchDispatches", StringComparison.Ordinal)
                ? new StreamContent(new EndlessStream()) { Headers = { ContentType = new MediaTypeHeaderValue("application/grpc") } }
                : new StringContent("{}");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, Version = request.Version };
        }
    }

    /// <summary>A response body that begins (one byte) and then waits forever, like a stream of offers with none coming.</summary>
    private sealed class EndlessStream : Stream
    {
        private bool _begun;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_begun)
            {
                if (buffer.IsEmpty)
                {
                    return 0; // a zero-byte read asks whether data is ready: it is
                }

                _begun = true;
                buffer.Span[0] = (byte)'[';
                return 1;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
