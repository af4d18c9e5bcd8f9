using System.Diagnostics;
using System.Reflection;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A host of the suite run from its build output (<c>dotnet Weerbaarheid.X.dll</c>) as a child process,
/// configured through environment variables as in production, with its output captured for failures.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private ServiceProcess(string name, Process process, int opsPort)
    {
        Name = name;
        _process = process;
        OpsPort = opsPort;
    }

    public string Name { get; }

    /// <summary>The HTTP/1.1 port of <c>/health/ready</c>.</summary>
    public int OpsPort { get; }

    /// <summary>
    /// Starts <paramref name="project"/> (path from the repository root, e.g. services/Offerings/Weerbaarheid.Offerings)
    /// and waits until <c>/health/ready</c> on <paramref name="opsPort"/> answers 200.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string project, int opsPort, IReadOnlyDictionary<string, string> environment)
    {
        var name = Path.GetFileName(project);
        var output = Path.Combine(RepositoryRoot.Path, project, "bin", BuildConfiguration, "net10.0");
        var dll = Path.Combine(output, $"{name}.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} does not exist; build the solution (or this test project) in {BuildConfiguration} first.");
        }

        var start = new ProcessStartInfo(DotnetHost, [dll])
        {
            // The content root is the working directory: appsettings.json (the gateway's routes) lives there.
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(name, process, opsPort);
        process.OutputDataReceived += (_, line) => service.Capture(line.Data);
        process.ErrorDataReceived += (_, line) => service.Capture(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>
    /// What <c>/health/ready</c> says now: Healthy, Degraded (e.g. the broker is unreachable or its receive
    /// endpoints are not bound yet) or Unhealthy; or why it did not answer.
    /// </summary>
    public async Task<string> ReadinessAsync()
    {
        try
        {
            using var response = await Probe.GetAsync($"http://127.0.0.1:{OpsPort}/health/ready");
            return (await response.Content.ReadAsStringAsync()).Trim();
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            return $"no answer ({exception.Message})";
        }
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>
    /// Kills the process at once (SIGKILL, with its children), as a crash or an OOM kill would: no shutdown
    /// hooks run, open transactions and leases are left as they were. Waits until it is gone.
    /// </summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or did not die in time: nothing more a test can do about it.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var url = $"http://127.0.0.1:{OpsPort}/health/ready";
        using var deadline = new CancellationTokenSource(timeout);
        var last = "no answer yet";
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before it was ready. Its output:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await Probe.GetAsync(url, deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(deadline.Token)}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                last = "the probe timed out";
            }
            catch (OperationCanceledException)
            {
                // the deadline: reported below
            }

            try
            {
                await Task.Delay(200, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"{Name} was not ready at {url} within {timeout.TotalSeconds} s (last: {last}). Its output:{Environment.NewLine}{Output}");
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>The configuration this test assembly was built in; the services were built in the same one.</summary>
    private static string BuildConfiguration { get; } =
        typeof(ServiceProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "Configuration")?.Value ?? "Debug";

    /// <summary>The dotnet host that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}

/// <summary>The folder holding Weerbaarheid.sln, found by walking up from the test's output.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Weerbaarheid.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Weerbaarheid.sln above {AppContext.BaseDirectory}.");
    }
}
