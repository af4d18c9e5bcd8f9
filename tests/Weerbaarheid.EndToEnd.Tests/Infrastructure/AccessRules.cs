using System.Reflection;
using System.Runtime.Loader;
using Google.Api;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>One RPC of the contracts, as its protobuf descriptor states it.</summary>
public sealed record ContractRpc(string Package, string CsharpNamespace, string ServiceName, string ServiceFullName, string Name,
    MethodType Type, IReadOnlyList<JsonBinding> Bindings)
{
    /// <summary>e.g. weerbaarheid.offerings.v1.OfferingsService/GetOffering, as on the wire.</summary>
    public string FullName => $"{ServiceFullName}/{Name}";

    public bool StreamsResponses => Type is MethodType.ServerStreaming or MethodType.DuplexStreaming;
}

/// <summary>A <c>google.api.http</c> binding: verb, path template and whether a body is sent.</summary>
public sealed record JsonBinding(HttpMethod Method, string PathTemplate, bool HasBody);

/// <summary>
/// Who may call an RPC, as its implementation's attributes say: anyone; any signed-in caller
/// (<see cref="Roles"/> null); or callers with one of <see cref="Roles"/>.
/// </summary>
public sealed record AccessRule(bool Anonymous, IReadOnlySet<string>? Roles)
{
    public bool Admits(IReadOnlyCollection<string> callerRoles) => Anonymous || Roles is null || callerRoles.Any(Roles.Contains);

    public override string ToString() =>
        Anonymous ? "anonymous" : Roles is null ? "any signed-in caller" : $"roles {string.Join(", ", Roles.Order(StringComparer.Ordinal))}";
}

/// <summary>The RPCs of the contracts, read from the descriptors this test project generates from the protos.</summary>
public static class ContractRpcs
{
    public const string PackagePrefix = "weerbaarheid.";

    public static IReadOnlyList<ContractRpc> All { get; } = Read();

    private static List<ContractRpc> Read()
    {
        // The generated *Reflection classes: static Descriptor of type FileDescriptor, one per proto file.
        var files = typeof(ContractRpcs).Assembly.GetTypes()
            .Select(t => (Type: t, Property: t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)))
            .Where(p => p.Property?.PropertyType == typeof(FileDescriptor))
            .Select(p => (p.Type.Namespace ?? "", File: (FileDescriptor)p.Property!.GetValue(null)!))
            .Where(p => p.File.Package.StartsWith(PackagePrefix, StringComparison.Ordinal))
            .DistinctBy(p => p.File.Name);
        return [.. files
            .SelectMany(p => p.File.Services.Select(s => (p.Item1, Service: s)))
            .SelectMany(p => p.Service.Methods.Select(m => new ContractRpc(
                p.Service.File.Package, p.Item1, p.Service.Name, p.Service.FullName, m.Name, TypeOf(m), BindingsOf(m))))
            .OrderBy(r => r.FullName, StringComparer.Ordinal)];
    }

    private static MethodType TypeOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (false, true) => MethodType.ServerStreaming,
        (true, false) => MethodType.ClientStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    private static List<JsonBinding> BindingsOf(MethodDescriptor method)
    {
        if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
        {
            return [];
        }

        return [.. new[] { rule }.Concat(rule.AdditionalBindings).Select(ToBinding)];
    }

    private static JsonBinding ToBinding(HttpRule rule)
    {
        var (method, path) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
            HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
            HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
            HttpRule.PatternOneofCase.Delete => (HttpMethod.Delete, rule.Delete),
            HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
            HttpRule.PatternOneofCase.Custom => (new HttpMethod(rule.Custom.Kind), rule.Custom.Path),
            _ => throw new InvalidOperationException($"An HTTP rule without a pattern: {rule}"),
        };
        return new JsonBinding(method, path, rule.Body.Length > 0);
    }
}

/// <summary>
/// The access rule of every RPC, read from the attributes of the service implementations in the services'
/// build output, so the rule is written in one place: <c>[AllowAnonymous]</c> and <c>[Authorize(Roles = ...)]</c>
/// on the overriding method and its class. Each service assembly is loaded into a collectible context of its
/// own and unloaded again; attribute types are compared by full name, as they come from that context.
/// </summary>
public static class ServiceAccessRules
{
    private const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
    private const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";

    /// <summary>The rules by <see cref="ContractRpc.FullName"/>, and the RPCs no implementation overrides.</summary>
    public static (IReadOnlyDictionary<string, AccessRule> Rules, IReadOnlyList<string> Unimplemented) Read(IReadOnlyList<ContractRpc> rpcs)
    {
        var rules = new Dictionary<string, AccessRule>(StringComparer.Ordinal);
        var implementations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var dll in ServiceAssemblies())
        {
            ReadAssembly(dll, rpcs, rules, implementations);
        }

        var unimplemented = new List<string>();
        foreach (var rpc in rpcs.Where(r => !rules.ContainsKey(r.FullName)))
        {
            var classes = implementations.GetValueOrDefault($"{rpc.CsharpNamespace}.{rpc.ServiceName}");
            unimplemented.Add(classes is null
                ? $"{rpc.FullName}: no class in the services derives from {rpc.CsharpNamespace}.{rpc.ServiceName}.{rpc.ServiceName}Base"
                : $"{rpc.FullName}: {string.Join(", ", classes)} does not override {rpc.Name}");
        }

        foreach (var (service, classes) in implementations.Where(i => i.Value.Count > 1))
        {
            unimplemented.Add($"{service} has more than one implementation ({string.Join(", ", classes)}): which one is mapped is not clear");
        }

        return (rules, unimplemented);
    }

    /// <summary>services/X/Weerbaarheid.X/bin/{Configuration}/net10.0/Weerbaarheid.X.dll for every service X.</summary>
    private static IEnumerable<string> ServiceAssemblies()
    {
        var services = Path.Combine(RepositoryRoot.Path, "services");
        foreach (var folder in Directory.EnumerateDirectories(services).Order(StringComparer.Ordinal))
        {
            var project = $"Weerbaarheid.{Path.GetFileName(folder)}";
            if (!Directory.Exists(Path.Combine(folder, project)))
            {
                continue;
            }

            var dll = Path.Combine(folder, project, "bin", BuildConfiguration, "net10.0", $"{project}.dll");
            yield return File.Exists(dll)
                ? dll
                : throw new InvalidOperationException($"{dll} does not exist; build the solution in {BuildConfiguration} first.");
        }
    }

    private static void ReadAssembly(string dll, IReadOnlyList<ContractRpc> rpcs, Dictionary<string, AccessRule> rules,
        Dictionary<string, List<string>> implementations)
    {
        var context = new ServiceLoadContext(dll);
        try
        {
            var assembly = context.LoadFromAssemblyPath(dll);
            var services = rpcs.GroupBy(r => (r.CsharpNamespace, r.ServiceName)).ToList();
            foreach (var type in LoadableTypes(assembly).Where(t => t is { IsClass: true, IsAbstract: false }))
            {
                foreach (var service in services)
                {
                    if (GeneratedBaseOf(type, service.Key.CsharpNamespace, service.Key.ServiceName) is not { } generatedBase)
                    {
                        continue;
                    }

                    var key = $"{service.Key.CsharpNamespace}.{service.Key.ServiceName}";
                    if (!implementations.TryGetValue(key, out var classes))
                    {
                        implementations[key] = classes = [];
                    }

                    classes.Add(type.FullName!);
                    foreach (var rpc in service)
                    {
                        if (RuleOf(type, generatedBase, rpc.Name) is { } rule)
                        {
                            rules[rpc.FullName] = rule;
                        }
                    }
                }
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException exception)
        {
            return exception.Types.OfType<Type>();
        }
    }

    /// <summary>The generated <c>{Service}.{Service}Base</c> that <paramref name="type"/> derives from, if any.</summary>
    private static Type? GeneratedBaseOf(Type type, string csharpNamespace, string serviceName)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == $"{serviceName}Base" && current.DeclaringType is { } declaring
                && declaring.Name == serviceName && declaring.Namespace == csharpNamespace)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// As ASP.NET Core decides it for the endpoint: [AllowAnonymous] on the method or the class admits anyone;
    /// otherwise every [Authorize] with roles must be satisfied (roles of class and method are ANDed); with
    /// no roles at all, any signed-in caller (an [Authorize], or the services' fallback policy). Null when
    /// the class does not override the RPC.
    /// </summary>
    private static AccessRule? RuleOf(Type implementation, Type generatedBase, string rpc)
    {
        var classes = new List<Type>();
        for (var current = implementation; current != generatedBase; current = current.BaseType!)
        {
            classes.Add(current);
        }

        var overrides = classes
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == rpc && m.GetBaseDefinition().DeclaringType == generatedBase)
            .ToList();
        if (overrides.Count == 0)
        {
            return null;
        }

        var attributes = classes.SelectMany(c => c.GetCustomAttributesData())
            .Concat(overrides.SelectMany(m => m.GetCustomAttributesData()))
            .ToList();
        if (attributes.Any(a => a.AttributeType.FullName == AllowAnonymousAttribute))
        {
            return new AccessRule(Anonymous: true, Roles: null);
        }

        HashSet<string>? roles = null;
        foreach (var authorize in attributes.Where(a => a.AttributeType.FullName == AuthorizeAttribute))
        {
            var listed = authorize.NamedArguments.Where(n => n.MemberName == "Roles").Select(n => n.TypedValue.Value as string).FirstOrDefault();
            if (string.IsNullOrWhiteSpace(listed))
            {
                continue;
            }

            var these = listed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            roles = roles is null ? new HashSet<string>(these, StringComparer.Ordinal) : [.. roles.Intersect(these, StringComparer.Ordinal)];
        }

        return new AccessRule(Anonymous: false, Roles: roles);
    }

    /// <summary>The configuration this test assembly was built in; the services were built in the same one.</summary>
    private static string BuildConfiguration { get; } =
        typeof(ServiceAccessRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

    /// <summary>
    /// A service assembly with its own dependencies (its deps.json); shared framework assemblies, which
    /// the resolver does not know, come from the default context.
    /// </summary>
    private sealed class ServiceLoadContext(string dll) : AssemblyLoadContext($"access-rules:{Path.GetFileName(dll)}", isCollectible: true)
    {
        private readonly AssemblyDependencyResolver _resolver = new(dll);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }
}
