using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Weerbaarheid.ServiceDefaults.Messaging;

/// <summary>Traces and metrics of the outbox: what was published, what failed, how long events waited.</summary>
public static class OutboxDiagnostics
{
    public const string ActivitySourceName = "Weerbaarheid.Outbox";
    public const string MeterName = "Weerbaarheid.Outbox";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> Published =
        Meter.CreateCounter<long>("weerbaarheid.outbox.published", description: "Events the broker confirmed.");
    internal static readonly Counter<long> Failures =
        Meter.CreateCounter<long>("weerbaarheid.outbox.failures", description: "Publish attempts that failed and will be retried.");
    internal static readonly Counter<long> Parked =
        Meter.CreateCounter<long>("weerbaarheid.outbox.parked", description: "Events that could not be read and were set aside.");
    internal static readonly Histogram<double> Delay = Meter.CreateHistogram<double>(
        "weerbaarheid.outbox.delay", unit: "s", description: "Time from commit to broker confirmation.");
}
