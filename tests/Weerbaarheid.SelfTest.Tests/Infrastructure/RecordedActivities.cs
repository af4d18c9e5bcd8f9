using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Weerbaarheid.SelfTest.Tests.Infrastructure;

/// <summary>A finished activity (span) as an exporter would see it: its names, tags, events, links, status and baggage, as text.</summary>
public sealed record RecordedActivity(
    string Source,
    string OperationName,
    string DisplayName,
    ActivityKind Kind,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, string>> Events,
    IReadOnlyList<KeyValuePair<string, string>> Baggage,
    string? StatusDescription)
{
    /// <summary>Everything of the span that could reach a trace backend, as text.</summary>
    public IEnumerable<string> Texts =>
        new[] { OperationName, DisplayName, StatusDescription ?? "" }
            .Concat(Tags.SelectMany(t => new[] { t.Key, t.Value }))
            .Concat(Events.SelectMany(e => new[] { e.Key, e.Value }))
            .Concat(Baggage.SelectMany(b => new[] { b.Key, b.Value }));

    public override string ToString() => $"{Source} {OperationName} ({DisplayName})";
}

/// <summary>
/// Listens to every activity source in the process, sampling everything with all data, and keeps every
/// activity that stops while it listens (tags read at stop, when instrumentation has added all of them).
/// </summary>
public sealed class RecordedActivities : IDisposable
{
    private readonly ConcurrentQueue<RecordedActivity> _activities = new();
    private readonly ActivityListener _listener;

    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _activities.Enqueue(Record(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<RecordedActivity> Activities => _activities.ToArray();

    public void Dispose() => _listener.Dispose();

    private static RecordedActivity Record(Activity activity) => new(
        activity.Source.Name,
        activity.OperationName,
        activity.DisplayName,
        activity.Kind,
        activity.TagObjects.Select(t => new KeyValuePair<string, string>(t.Key, Text(t.Value))).ToArray(),
        activity.Events.SelectMany(e => e.Tags.Select(t => new KeyValuePair<string, string>($"{e.Name}.{t.Key}", Text(t.Value)))
            .Append(new KeyValuePair<string, string>("event", e.Name))).ToArray(),
        activity.Baggage.Select(b => new KeyValuePair<string, string>(b.Key, b.Value ?? "")).ToArray(),
        activity.StatusDescription);

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
