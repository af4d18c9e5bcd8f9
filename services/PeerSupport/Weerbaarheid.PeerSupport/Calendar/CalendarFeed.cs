using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using Weerbaarheid.PeerSupport.Data;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Duration = NodaTime.Duration;

namespace Weerbaarheid.PeerSupport.Calendar;

/// <summary>
/// A member's shifts as an iCalendar feed (RFC 5545, via Ical.Net), for any calendar app: the last 30
/// days and the next 180. Times are UTC instants, so apps show them right in any zone, DST included.
/// </summary>
public static class CalendarFeed
{
    public const string PathPrefix = "/calendar/v1/";
    private static readonly Duration Past = Duration.FromDays(30);
    private static readonly Duration Ahead = Duration.FromDays(180);
    private static readonly Duration Margin = Duration.FromDays(32);

    public static string Address(string publicBaseUrl, string secret) => $"{publicBaseUrl.TrimEnd('/')}{PathPrefix}{secret}.ics";

    public static string Render(string memberId, RegionRota rota, Instant now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Politie//Weerbaarheid TCO-rooster//NL" };
        calendar.AddProperty("X-WR-CALNAME", "TCO-piket");
        // Resolve with a margin and keep the shifts that touch the window, so no event is cut at its edges.
        var (from, to) = (now - Past, now + Ahead);
        var shifts = rota.Shifts(from - Margin, to + Margin, memberId: memberId)
            .Where(s => s.Shift.Interval.End > from && s.Shift.Interval.Start < to);
        foreach (var (kind, shift) in shifts)
        {
            var what = kind == ScheduleKind.Primary ? "primair" : "achterwacht";
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{memberId}-{kind}-{shift.Interval.Start.ToUnixTimeSeconds()}@weerbaarheid.politie",
                Summary = $"TCO-piket ({what}), {rota.Region.ResourceName()}",
                Description = shift.FromOverride ? "Vervanging of ruil" : "Volgens het rooster",
                Start = new CalDateTime(shift.Interval.Start.ToDateTimeUtc(), "UTC"),
                End = new CalDateTime(shift.Interval.End.ToDateTimeUtc(), "UTC"),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>GET /calendar/v1/{secret}.ics: anonymous by design, the secret is the key.</summary>
    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathPrefix + "{secret}.ics", async (string secret, RotaStore store, CancellationToken cancellationToken) =>
        {
            var member = await store.FindMemberByCalendarSecretAsync(secret, cancellationToken);
            if (member is null)
            {
                return Results.NotFound();
            }

            var (rota, _) = await store.LoadAsync(member.Region, store.Now - Past - Margin, cancellationToken);
            return Results.Text(Render(member.Id, rota, store.Now), "text/calendar; charset=utf-8");
        }).AllowAnonymous();
        return endpoints;
    }
}
