using Google.Protobuf.WellKnownTypes;
using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Members;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;
using V1 = Weerbaarheid.PeerSupport.V1;

namespace Weerbaarheid.PeerSupport.Grpc;

/// <summary>
/// Converts between the contract and the domain. Wire values that cannot become domain values (a 31
/// February, a time of 25:00, a missing timestamp) are reported as field violations here, into the same
/// <see cref="Validation"/> the domain then adds its own findings to, so a client hears everything at once.
/// </summary>
internal static class RotaMapper
{
    public static V1.Member ToProto(this Member member, IEnumerable<TcoCertificate> certificates, Instant now)
    {
        var current = certificates.Where(c => c.ValidUntil > now).OrderBy(c => c.ValidFrom).ToList();
        var proto = new V1.Member
        {
            Name = member.Name,
            DisplayName = member.Profile.DisplayName,
            Region = member.Region.ResourceName(),
            Team = member.Profile.Team,
            MaxOpenCases = member.Profile.MaxOpenCases,
            Active = member.Profile.Active,
            Qualified = current.Any(c => c.Validity.Contains(now)),
            Etag = member.Etag,
        };
        proto.Languages.AddRange(member.Profile.Languages);
        proto.NotificationChannels.AddRange(member.Profile.NotificationChannels.Select(ToProto));
        proto.Certificates.AddRange(current.Select(c => new V1.Certificate
        {
            CertificateId = c.CertificateId,
            ValidFrom = c.ValidFrom.ToTimestamp(),
            ValidUntil = c.ValidUntil.ToTimestamp(),
            Note = c.Note,
        }));
        return proto;
    }

    public static V1.NotificationChannel ToProto(this NotificationChannel channel) =>
        new() { Kind = (V1.NotificationChannelKind)channel.Kind, Address = channel.Address };

    public static MemberProfile ToProfile(this V1.Member? proto)
    {
        proto ??= new V1.Member();
        return new MemberProfile(
            proto.DisplayName,
            proto.Team,
            proto.Languages.ToArray(),
            proto.NotificationChannels.Select(c => new NotificationChannel((NotificationChannelKind)c.Kind, c.Address)).ToArray(),
            proto.MaxOpenCases,
            proto.Active);
    }

    public static V1.Schedule ToProto(this Schedule schedule)
    {
        var proto = new V1.Schedule { Name = schedule.Name, Etag = schedule.Etag };
        proto.Layers.AddRange(schedule.Layers.Select(ToProto));
        return proto;
    }

    private static V1.Layer ToProto(LayerSpec layer)
    {
        var proto = new V1.Layer
        {
            DisplayName = layer.DisplayName,
            StartDate = new Google.Type.Date { Year = layer.StartDate.Year, Month = layer.StartDate.Month, Day = layer.StartDate.Day },
            HandoffTime = ToProto(layer.HandoffTime),
            RotationLength = layer.Length switch
            {
                { Weeks: > 0 } => new V1.RotationLength { Weeks = layer.Length.Weeks },
                { Days: > 0 } => new V1.RotationLength { Days = layer.Length.Days },
                _ => new V1.RotationLength { Hours = layer.Length.Hours },
            },
        };
        proto.Participants.AddRange(layer.Participants.Select(p => Member.CollectionPrefix + p));
        proto.RestrictToDays.AddRange(layer.Days.Select(d => (Google.Type.DayOfWeek)(int)d));
        proto.RestrictToWindows.AddRange(layer.Windows.Select(w => new V1.TimeWindow { Start = ToProto(w.Start), End = ToProto(w.End) }));
        return proto;
    }

    /// <summary>The layers of a schedule update; unreadable values become violations under <c>schedule.layers[i]</c>.</summary>
    public static IReadOnlyList<LayerSpec> ToLayerSpecs(IEnumerable<V1.Layer> layers, Validation validation) =>
        layers.Select((layer, i) => ToLayerSpec(layer, $"schedule.layers[{i}]", validation)).ToArray();

    private static LayerSpec ToLayerSpec(V1.Layer layer, string field, Validation validation)
    {
        var participants = new List<string>();
        for (var p = 0; p < layer.Participants.Count; p++)
        {
            // An unreadable name stays in its place (reported here), so later participants keep their index.
            participants.Add(Member.ParseName(layer.Participants[p], $"{field}.participants[{p}]", validation) ?? layer.Participants[p]);
        }

        var startDate = ToLocalDate(layer.StartDate, $"{field}.start_date", validation);
        var handoff = ToLocalTime(layer.HandoffTime, $"{field}.handoff_time", validation, required: true);
        var length = layer.RotationLength?.LengthCase switch
        {
            V1.RotationLength.LengthOneofCase.Weeks => RotationLength.OfWeeks(layer.RotationLength.Weeks),
            V1.RotationLength.LengthOneofCase.Days => RotationLength.OfDays(layer.RotationLength.Days),
            V1.RotationLength.LengthOneofCase.Hours => RotationLength.OfHours(layer.RotationLength.Hours),
            _ => new RotationLength(0, 0, 0),
        };
        var windows = layer.RestrictToWindows.Select((w, i) => new TimeWindow(
            ToLocalTime(w.Start, $"{field}.restrict_to_windows[{i}].start", validation, required: true),
            ToLocalTime(w.End, $"{field}.restrict_to_windows[{i}].end", validation, required: true))).ToArray();
        var days = layer.RestrictToDays.Select(d => (int)d is >= 1 and <= 7 ? (IsoDayOfWeek)(int)d : IsoDayOfWeek.None).ToArray();
        return new LayerSpec(layer.DisplayName, participants, startDate, handoff, length, days, windows);
    }

    public static Instant ToInstant(Timestamp? timestamp, string field, Validation validation, Instant? fallback = null)
    {
        if (timestamp is null)
        {
            if (fallback is { } value)
            {
                return value;
            }

            validation.Add(field, "Required.");
            return default;
        }

        if (timestamp.Nanos is < 0 or > 999_999_999 || timestamp.Seconds is < -62135596800 or > 253402300799)
        {
            validation.Add(field, "Not a valid timestamp.");
            return default;
        }

        return Instant.FromUnixTimeSeconds(timestamp.Seconds).PlusNanoseconds(timestamp.Nanos);
    }

    public static Timestamp ToTimestamp(this Instant instant) => Timestamp.FromDateTimeOffset(instant.ToDateTimeOffset());

    private static LocalDate ToLocalDate(Google.Type.Date? date, string field, Validation validation)
    {
        if (date is not null && date.Year is >= 2000 and <= 2100 && date.Month is >= 1 and <= 12
            && date.Day >= 1 && date.Day <= CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month))
        {
            return new LocalDate(date.Year, date.Month, date.Day);
        }

        validation.Add(field, "Required: a real date between 2000 and 2100 (year, month, day).");
        return default;
    }

    private static LocalTime ToLocalTime(Google.Type.TimeOfDay? time, string field, Validation validation, bool required)
    {
        if (time is null)
        {
            if (required)
            {
                validation.Add(field, "Required: hours and minutes.");
            }

            return LocalTime.Midnight;
        }

        if (time.Hours is >= 0 and <= 23 && time.Minutes is >= 0 and <= 59 && time.Seconds == 0 && time.Nanos == 0)
        {
            return new LocalTime(time.Hours, time.Minutes);
        }

        validation.Add(field, "Hours 0–23 and minutes 0–59; seconds and nanos 0.");
        return LocalTime.Midnight;
    }

    private static Google.Type.TimeOfDay ToProto(LocalTime time) => new() { Hours = time.Hour, Minutes = time.Minute };

    public static Region ParseRegion(string name, string field, Validation? validation = null, bool throwIfInvalid = true)
    {
        validation ??= new Validation();
        if (!Regions.TryParse(name, out var region))
        {
            validation.Add(field, name.Length == 0
                ? "Required: regions/{region}, e.g. regions/amsterdam."
                : $"\"{name}\" is not a region. Regions: {string.Join(", ", Regions.All.Select(r => r.ResourceName()))}.");
        }

        if (throwIfInvalid)
        {
            validation.ThrowIfInvalid();
        }

        return region;
    }

    public static string ParseMember(string name, string field)
    {
        var validation = new Validation();
        var id = Member.ParseName(name, field, validation);
        validation.ThrowIfInvalid();
        return id!;
    }
}
