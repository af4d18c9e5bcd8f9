using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using Weerbaarheid.PeerSupport.Tests.Infrastructure;
using Weerbaarheid.PeerSupport.V1;
using Weerbaarheid.Testing;
using static Weerbaarheid.PeerSupport.Tests.Infrastructure.Samples;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Tests.Grpc;

/// <summary>
/// GetCalendarFeed and RotateCalendarSecret, and the feed itself fetched over HTTP from the test server, for
/// members of the amsterdam <see cref="DemoRota"/> (primary every third week from 26 January 2026).
/// </summary>
public sealed partial class CalendarFeedTests(PeerSupportHost host) : IClassFixture<PeerSupportHost>
{
    private const string Region = "amsterdam";

    private PeerSupportApp App => host.App;

    private RotaClient Member(int n) => App.Member(DemoRota.Id(Region, n), Region);

    [Fact]
    public async Task The_feed_is_an_icalendar_with_an_event_for_each_of_the_members_shifts()
    {
        var url = (await Member(3).GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = DemoRota.Name(Region, 3) })).Url;

        Assert.Matches("^http://localhost:8080/calendar/v1/[A-Za-z0-9_-]{43}\\.ics$", url);
        Assert.Equal(url, (await Member(3).GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = DemoRota.Name(Region, 3) })).Url);

        using var response = await App.CreateClient().GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", body, StringComparison.Ordinal);

        // The feed covers the last 30 days and the next 180, with whole shifts.
        var (from, to) = (PeerSupportApp.Start - Duration.FromDays(30), PeerSupportApp.Start + Duration.FromDays(180));
        var shifts = (await Member(3).ListShiftsAsync(new ListShiftsRequest
        {
            Parent = DemoRota.Name(Region, 3),
            StartTime = Ts(from - Duration.FromDays(7)),
            EndTime = Ts(to + Duration.FromDays(7)),
        })).Shifts.Where(s => ToInstant(s.EndTime) > from && ToInstant(s.StartTime) < to).ToList();
        Assert.Equal(shifts.Count, EventPattern().Matches(body).Count);
        Assert.True(shifts.Count >= 10, $"Expected a shift every third week, got {shifts.Count}.");
        Assert.Contains("DTSTART:20260323T080000Z", body, StringComparison.Ordinal);
        Assert.Contains("DTEND:20260330T070000Z", body, StringComparison.Ordinal);
        Assert.DoesNotContain("DTSTART:20260316T080000Z", body, StringComparison.Ordinal); // member 2's week
    }

    [Fact]
    public async Task After_rotating_the_secret_the_old_address_answers_not_found()
    {
        var client = Member(5);
        var old = (await client.GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = DemoRota.Name(Region, 5) })).Url;

        var rotated = (await client.RotateCalendarSecretAsync(new RotateCalendarSecretRequest { Member = DemoRota.Name(Region, 5) })).Url;

        Assert.NotEqual(old, rotated);
        Assert.Equal(rotated, (await client.GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = DemoRota.Name(Region, 5) })).Url);
        var http = App.CreateClient();
        using var before = await http.GetAsync(new Uri(old).PathAndQuery);
        using var after = await http.GetAsync(new Uri(rotated).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Rotating_before_the_first_read_makes_an_address()
    {
        var url = (await Member(6).RotateCalendarSecretAsync(new RotateCalendarSecretRequest { Member = DemoRota.Name(Region, 6) })).Url;

        using var response = await App.CreateClient().GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_secret_answers_not_found()
    {
        var http = App.CreateClient();

        using var unknown = await http.GetAsync($"/calendar/v1/{new string('A', 43)}.ics");
        using var tooShort = await http.GetAsync("/calendar/v1/abc.ics");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tooShort.StatusCode);
        await Rpc.FailsAsync(StatusCode.NotFound, () =>
            App.Member("bestaat-niet", Region).GetCalendarFeedAsync(new GetCalendarFeedRequest { Member = "members/bestaat-niet" }));
    }

    [GeneratedRegex("^BEGIN:VEVENT", RegexOptions.Multiline)]
    private static partial Regex EventPattern();
}
