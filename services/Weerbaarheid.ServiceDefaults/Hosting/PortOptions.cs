namespace Weerbaarheid.ServiceDefaults.Hosting;

/// <summary>
/// The ports a host listens on (section <c>Ports</c>). Cleartext Kestrel cannot offer HTTP/1.1 and
/// HTTP/2 on one port (no ALPN without TLS), so gRPC gets an HTTP/2-only (h2c) port and health checks
/// and metrics an HTTP/1.1 port. The gateway also has a public HTTP/1.1 port for JSON, gRPC-Web and the UI.
/// </summary>
public sealed class PortOptions
{
    public const string Section = "Ports";

    /// <summary>HTTP/2 only (h2c): gRPC, and JSON transcoding for the gateway's forwarded calls.</summary>
    public int? Grpc { get; set; }

    /// <summary>HTTP/1.1: <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>.</summary>
    public int? Ops { get; set; }

    /// <summary>HTTP/1.1 public port (gateway only).</summary>
    public int? Http { get; set; }
}
