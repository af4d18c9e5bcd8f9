using Grpc.Core;

namespace Weerbaarheid.Testing;

/// <summary>
/// Base of the in-process test clients. A service's proto is compiled once, into the service (server
/// stubs); compiling it again in a test project for a client stub would duplicate every message type. So
/// a test client reads the method definitions from the service's generated <c>BindService</c> and calls
/// them over a <see cref="CallInvoker"/>, with a bearer token and a deadline like any real client.
/// </summary>
public abstract class BoundServiceClient(CallInvoker invoker, string? token, IReadOnlyDictionary<string, IMethod> methods)
{
    /// <summary>The channel's invoker, to make a client with another token.</summary>
    public CallInvoker Invoker => invoker;

    /// <summary>The methods a generated <c>BindService(ServiceBinderBase, ...)</c> binds, by name.</summary>
    protected static IReadOnlyDictionary<string, IMethod> MethodsOf(Action<ServiceBinderBase> bindService)
    {
        var collector = new MethodCollector();
        bindService(collector);
        return collector.Methods;
    }

    protected async Task<TResponse> CallAsync<TRequest, TResponse>(string name, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("Authorization", $"Bearer {token}");
        }

        var method = (Method<TRequest, TResponse>)methods[name];
        var options = new CallOptions(headers, deadline: DateTime.UtcNow.AddSeconds(30));
        return await invoker.AsyncUnaryCall(method, null, options, request);
    }

    /// <summary>Records the methods the generated code binds, without an implementation.</summary>
    private sealed class MethodCollector : ServiceBinderBase
    {
        public Dictionary<string, IMethod> Methods { get; } = [];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Methods.Add(method.Name, method);
    }
}
