using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Status = Google.Rpc.Status;

namespace Weerbaarheid.ServiceDefaults.Errors;

/// <summary>
/// The one place where exceptions become gRPC statuses: domain errors get their code and, for invalid
/// input, a google.rpc.BadRequest listing every bad field; anything unexpected is INTERNAL, with the
/// exception's message only in Development.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, IHostEnvironment environment)
    : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Map(exception, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        var status = exception switch
        {
            ValidationFailedException invalid => InvalidArgument(invalid),
            NotFoundException notFound => Simple(Code.NotFound, notFound.Message, notFound.ResourceName),
            AlreadyExistsException exists => Simple(Code.AlreadyExists, exists.Message, exists.ResourceName),
            EtagMismatchException stale => Simple(Code.Aborted, stale.Message, stale.ResourceName),
            PreconditionFailedException precondition => FailedPrecondition(precondition),
            PermissionDeniedException denied => Simple(Code.PermissionDenied, denied.Message, null),
            // Two writers raced past the etag check; the loser retries like any etag mismatch.
            DbUpdateConcurrencyException => Simple(Code.Aborted,
                "The resource was changed concurrently; read it again and retry.", null),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested =>
                Simple(Code.Cancelled, "The call was cancelled.", null),
            _ => null,
        };

        if (status is null)
        {
            logger.LogError(exception, "Unhandled exception in {Method}", context.Method);
            status = new Status
            {
                Code = (int)Code.Internal,
                Message = environment.IsDevelopment()
                    ? $"{exception.GetType().Name}: {exception.Message}"
                    : "An internal error occurred. It has been logged.",
            };
        }
        else
        {
            logger.LogInformation("{Method} answered {Code}: {Message}", context.Method, (Code)status.Code, status.Message);
        }

        return status.ToRpcException();
    }

    private static Status InvalidArgument(ValidationFailedException invalid)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(invalid.Violations.Select(v =>
            new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = invalid.Violations.Count == 1
                ? $"Invalid request: {invalid.Message}"
                : $"Invalid request: {invalid.Violations.Count} fields are invalid.",
            Details = { Any.Pack(badRequest) },
        };
    }

    private static Status FailedPrecondition(PreconditionFailedException failed)
    {
        var status = new Status { Code = (int)Code.FailedPrecondition, Message = failed.Message };
        if (failed.Violations.Count > 0)
        {
            var details = new PreconditionFailure();
            details.Violations.AddRange(failed.Violations.Select(v =>
                new PreconditionFailure.Types.Violation { Type = v.Type, Subject = v.Subject, Description = v.Description }));
            status.Details.Add(Any.Pack(details));
        }

        return status;
    }

    private static Status Simple(Code code, string message, string? resourceName)
    {
        var status = new Status { Code = (int)code, Message = message };
        if (resourceName is not null)
        {
            status.Details.Add(Any.Pack(new ResourceInfo { ResourceName = resourceName }));
        }

        return status;
    }
}
