using Google.Rpc;
using Grpc.Core;

using Xunit;

namespace Weerbaarheid.Testing;

/// <summary>Asserts on failed calls: the status code, and the fields a google.rpc.BadRequest names.</summary>
public static class Rpc
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(code == exception.StatusCode, $"Expected {code}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception;
    }

    /// <summary>The fields of the BadRequest detail of an INVALID_ARGUMENT answer, in order.</summary>
    public static async Task<IReadOnlyList<string>> InvalidFieldsAsync(Func<Task> call)
    {
        var exception = await FailsAsync(StatusCode.InvalidArgument, call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.All(badRequest.FieldViolations, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
        return badRequest.FieldViolations.Select(v => v.Field).ToList();
    }
}
