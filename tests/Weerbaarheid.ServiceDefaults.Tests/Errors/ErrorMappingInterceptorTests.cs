using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.ServiceDefaults.Tests.Errors;

/// <summary>Domain errors become the status codes clients can act on; surprises become INTERNAL, without details in production.</summary>
public sealed class ErrorMappingInterceptorTests
{
    [Fact]
    public async Task Invalid_input_is_InvalidArgument_with_a_BadRequest_listing_every_field()
    {
        var validation = new Validation()
            .Require(false, "offering.title.nl", "must not be empty")
            .Require(true, "offering.title.en", "never reported")
            .Add("offering.capacity", "must be between 1 and 500")
            .Add("page_size", "must not be negative");

        var error = await CallAsync(() =>
        {
            validation.ThrowIfInvalid();
            return Task.CompletedTask;
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        Assert.Equal("Invalid request: 3 fields are invalid.", status.Message);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal(
            [
                ("offering.title.nl", "must not be empty"),
                ("offering.capacity", "must be between 1 and 500"),
                ("page_size", "must not be negative"),
            ],
            badRequest.FieldViolations.Select(v => (v.Field, v.Description)));
    }

    [Fact]
    public async Task Single_invalid_field_is_named_in_the_message()
    {
        var error = await CallAsync(() => throw new ValidationFailedException([new FieldViolation("name", "is required")]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("Invalid request: name: is required", error.Status.Detail);
        Assert.Equal("name", Assert.Single(error.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    public static TheoryData<string, StatusCode> DomainErrors => new()
    {
        { nameof(NotFoundException), StatusCode.NotFound },
        { nameof(AlreadyExistsException), StatusCode.AlreadyExists },
        { nameof(EtagMismatchException), StatusCode.Aborted },
    };

    [Theory, MemberData(nameof(DomainErrors))]
    public async Task Error_about_a_named_resource_maps_to_its_code_with_ResourceInfo(string exceptionType, StatusCode expected)
    {
        const string Resource = "offerings/peer-support-basics";
        DomainException exception = exceptionType switch
        {
            nameof(NotFoundException) => new NotFoundException(Resource),
            nameof(AlreadyExistsException) => new AlreadyExistsException(Resource),
            _ => new EtagMismatchException(Resource),
        };

        var error = await CallAsync(() => throw exception);

        Assert.Equal(expected, error.StatusCode);
        Assert.Equal(exception.Message, error.Status.Detail);
        Assert.Equal(Resource, error.GetRpcStatus()!.GetDetail<ResourceInfo>()!.ResourceName);
    }

    [Fact]
    public async Task Precondition_failure_is_FailedPrecondition_with_its_message()
    {
        var error = await CallAsync(() => throw new PreconditionFailedException("The dispatch was already closed."));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("The dispatch was already closed.", error.Status.Detail);
        Assert.Null(error.GetRpcStatus()!.GetDetail<PreconditionFailure>());
    }

    [Fact]
    public async Task Precondition_failure_with_violations_lists_each_in_PreconditionFailure()
    {
        var error = await CallAsync(() => throw new PreconditionFailedException("Not eligible.",
        [
            new PreconditionViolation("ELIGIBILITY", "union-member", "Only for union members."),
            new PreconditionViolation("ELIGIBILITY", "dismissal-procedure", "Not during a dismissal procedure."),
        ]));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<PreconditionFailure>()!.Violations;
        Assert.Equal(
            [("ELIGIBILITY", "union-member", "Only for union members."), ("ELIGIBILITY", "dismissal-procedure", "Not during a dismissal procedure.")],
            violations.Select(v => (v.Type, v.Subject, v.Description)));
    }

    [Fact]
    public async Task Lost_optimistic_concurrency_race_is_Aborted_like_a_stale_etag()
    {
        var error = await CallAsync(() => throw new DbUpdateConcurrencyException("row version changed"));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
    }

    [Fact]
    public async Task Call_cancelled_by_the_client_is_Cancelled_not_Internal()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var error = await CallAsync(() => throw new OperationCanceledException(cancelled.Token), cancellationToken: cancelled.Token);

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task Unexpected_exception_in_Production_is_Internal_without_its_text_but_logged()
    {
        var logger = new ListLogger();

        var error = await CallAsync(() => throw new InvalidOperationException("connection string Password=hunter2"),
            Environments.Production, logger);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail);
        Assert.DoesNotContain("InvalidOperationException", error.Status.Detail);
        Assert.DoesNotContain("hunter2", error.GetRpcStatus()!.ToString());
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("hunter2", entry.Exception!.Message);
        Assert.Contains(TestServerCallContext.MethodName, entry.Message);
    }

    [Fact]
    public async Task Unexpected_exception_in_Development_is_Internal_with_its_text()
    {
        var error = await CallAsync(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the rota has no shifts");
        }, Environments.Development);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("InvalidOperationException: the rota has no shifts", error.Status.Detail);
    }

    [Fact]
    public async Task RpcException_thrown_by_the_service_passes_through_unchanged()
    {
        var thrown = new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "Offerings is down"));

        var error = await CallAsync(() => throw thrown);

        Assert.Same(thrown, error);
    }

    [Fact]
    public async Task Streaming_call_maps_domain_errors_too()
    {
        var interceptor = new ErrorMappingInterceptor(new ListLogger(), new TestEnvironment(Environments.Production));

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.ServerStreamingServerHandler<string, string>(
            "request", new NullStreamWriter(), new TestServerCallContext(),
            (_, _, _) => throw new NotFoundException("cases/42")));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    private static async Task<RpcException> CallAsync(Func<Task> service, string environment = "Production",
        ILogger<ErrorMappingInterceptor>? logger = null, CancellationToken cancellationToken = default)
    {
        var interceptor = new ErrorMappingInterceptor(logger ?? new ListLogger(), new TestEnvironment(environment));
        return await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>(
            "request", new TestServerCallContext(cancellationToken), async (_, _) =>
            {
                await service();
                return "response";
            }));
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Weerbaarheid.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class NullStreamWriter : IServerStreamWriter<string>
    {
        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(string message) => Task.CompletedTask;
    }

    internal sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

    private sealed class ListLogger : ILogger<ErrorMappingInterceptor>
    {
        public List<LogEntry> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Entries.Add(new LogEntry(logLevel, formatter(state, exception), exception));
            }
        }
    }
}
