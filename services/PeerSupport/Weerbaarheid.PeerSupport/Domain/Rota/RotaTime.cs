using NodaTime;
using NodaTime.TimeZones;

namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>The rota lives in Dutch wall-clock time, with daylight saving time, from the tz database.</summary>
public static class RotaTime
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    /// <summary>
    /// The instant a local time happens. A time skipped when the clocks go forward (02:30 on the last
    /// Sunday of March) happens when the clock resumes (03:30 summer time); a time that happens twice
    /// when they go back (02:30 on the last Sunday of October) counts at its first occurrence.
    /// </summary>
    public static Instant ToInstant(LocalDateTime local) =>
        Zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();

    public static LocalDateTime ToLocal(Instant instant) => instant.InZone(Zone).LocalDateTime;
}
