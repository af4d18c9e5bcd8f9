using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Weerbaarheid.PeerSupport.Domain.Rota;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.PeerSupport.Domain.Members;

public enum NotificationChannelKind
{
    Unspecified = 0,
    Sms = 1,
    Push = 2,
    PhoneCall = 3,
}

public sealed record NotificationChannel(NotificationChannelKind Kind, string Address);

/// <summary>What a coordinator edits about a member.</summary>
public sealed record MemberProfile(
    string DisplayName,
    string Team,
    IReadOnlyList<string> Languages,
    IReadOnlyList<NotificationChannel> NotificationChannels,
    int MaxOpenCases,
    bool Active);

/// <summary>
/// A peer supporter of Team Collegiale Ondersteuning, named <c>members/{employee number}</c>, on the rota
/// of one region. Qualified only while a <see cref="TcoCertificate"/> of theirs is valid.
/// </summary>
public sealed partial class Member
{
    public const string CollectionPrefix = "members/";
    public const int DefaultMaxOpenCases = 3;
    public string Id { get; private set; } = "";
    public Region Region { get; private set; }
    public MemberProfile Profile { get; private set; } = null!;
    public long Version { get; private set; }
    public Instant CreatedAt { get; private set; }
    public Instant UpdatedAt { get; private set; }

    public string Name => CollectionPrefix + Id;
    public string Etag => Version.ToString(CultureInfo.InvariantCulture);

    private Member() { }

    public static Member Create(string id, Region region, MemberProfile profile, Instant now)
    {
        var normalized = Normalize(profile);
        var validation = new Validation();
        CheckId(validation, "member_id", id);
        validation.Require(region != Region.Unspecified && Enum.IsDefined(region), "member.region",
            "Required: regions/{region}, one of the ten regional units or landelijke-eenheid.");
        CheckProfile(validation, "member", normalized);
        validation.ThrowIfInvalid();
        return new Member { Id = id, Region = region, Profile = normalized, Version = 1, CreatedAt = now, UpdatedAt = now };
    }

    /// <summary>Replaces the profile fields named in <paramref name="paths"/>; the etag must be current.</summary>
    public bool Update(MemberProfile incoming, IReadOnlyCollection<string> paths, string etag, Instant now)
    {
        var validation = new Validation();
        CheckUpdate(validation, paths, etag);
        validation.ThrowIfInvalid();
        var updated = Normalize(Apply(Profile, incoming, paths));
        CheckProfile(validation, "member", updated);
        validation.ThrowIfInvalid();
        if (etag != Etag)
        {
            throw new EtagMismatchException(Name);
        }

        if (SameProfile(updated, Profile))
        {
            return false;
        }

        Profile = updated;
        Touch(now);
        return true;
    }

    public static void CheckUpdate(Validation validation, IReadOnlyCollection<string> paths, string etag)
    {
        if (paths.Count == 0)
        {
            validation.Add("update_mask", "Required: name the fields to change, or \"*\" for all.");
        }

        foreach (var path in paths.Where(p => p != "*" && !EditablePaths.Contains(p)))
        {
            validation.Add("update_mask", $"Unknown or read-only field \"{path}\". Editable: {string.Join(", ", EditablePaths)}.");
        }

        validation.Require(etag.Length > 0, "member.etag", "Required: the etag you last read.");
    }

    public static readonly IReadOnlyList<string> EditablePaths =
        ["display_name", "team", "languages", "notification_channels", "max_open_cases", "active"];

    /// <summary>The member as the rota resolves them, qualified while one of <paramref name="certificates"/> is valid.</summary>
    public RotaMember ToRotaMember(IEnumerable<TcoCertificate> certificates) =>
        new(Id, Profile.DisplayName, Region, Profile.Active, certificates.Select(c => c.Validity).ToArray());

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    public static void CheckId(Validation validation, string field, string id)
    {
        if (id.Length == 0)
        {
            validation.Add(field, "Required: the employee number.");
        }
        else if (!IsValidId(id))
        {
            validation.Add(field, "1–32 characters of a–z, 0–9 and '-'.");
        }
    }

    /// <summary>"members/{id}" → id, or null with a violation on <paramref name="field"/>.</summary>
    public static string? ParseName(string name, string field, Validation validation)
    {
        var id = name.StartsWith(CollectionPrefix, StringComparison.Ordinal) ? name[CollectionPrefix.Length..] : "";
        if (IsValidId(id))
        {
            return id;
        }

        validation.Add(field, name.Length == 0 ? "Required: members/{member_id}." : $"\"{name}\" is not a member name (members/{{member_id}}).");
        return null;
    }

    private static void CheckProfile(Validation v, string prefix, MemberProfile profile)
    {
        v.Require(profile.DisplayName.Length is > 0 and <= 100, $"{prefix}.display_name", "Required, at most 100 characters.");
        v.Require(profile.Team.Length is > 0 and <= 100, $"{prefix}.team", "Required (the member's own team or unit), at most 100 characters.");
        v.Require(profile.Languages.Count <= 10, $"{prefix}.languages", "At most 10 languages.");
        for (var i = 0; i < profile.Languages.Count; i++)
        {
            v.Require(LanguagePattern().IsMatch(profile.Languages[i]), $"{prefix}.languages[{i}]", "A BCP-47 language code such as \"nl\", \"en\" or \"pt-BR\".");
        }

        v.Require(profile.NotificationChannels.Count <= 5, $"{prefix}.notification_channels", "At most 5 channels.");
        for (var i = 0; i < profile.NotificationChannels.Count; i++)
        {
            var channel = profile.NotificationChannels[i];
            var field = $"{prefix}.notification_channels[{i}]";
            v.Require(channel.Kind != NotificationChannelKind.Unspecified && Enum.IsDefined(channel.Kind), $"{field}.kind", "Required: SMS, PUSH or PHONE_CALL.");
            if (channel.Kind is NotificationChannelKind.Sms or NotificationChannelKind.PhoneCall)
            {
                v.Require(PhonePattern().IsMatch(channel.Address), $"{field}.address", "A phone number: digits, spaces and '-', optionally starting with '+'.");
            }
            else
            {
                v.Require(channel.Address.Length is > 0 and <= 200, $"{field}.address", "Required: the push address, at most 200 characters.");
            }
        }

        v.Require(profile.MaxOpenCases is >= 1 and <= 20, $"{prefix}.max_open_cases", "Between 1 and 20, or 0 for 3.");
    }

    private static MemberProfile Normalize(MemberProfile profile) => profile with
    {
        DisplayName = profile.DisplayName.Trim(),
        Team = profile.Team.Trim(),
        Languages = profile.Languages.Select(l => l.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        NotificationChannels = profile.NotificationChannels.Select(c => c with { Address = c.Address.Trim() }).ToArray(),
        MaxOpenCases = profile.MaxOpenCases == 0 ? DefaultMaxOpenCases : profile.MaxOpenCases,
    };

    private static MemberProfile Apply(MemberProfile current, MemberProfile incoming, IReadOnlyCollection<string> paths)
    {
        if (paths.Contains("*"))
        {
            return incoming;
        }

        var result = current;
        foreach (var path in paths)
        {
            result = path switch
            {
                "display_name" => result with { DisplayName = incoming.DisplayName },
                "team" => result with { Team = incoming.Team },
                "languages" => result with { Languages = incoming.Languages },
                "notification_channels" => result with { NotificationChannels = incoming.NotificationChannels },
                "max_open_cases" => result with { MaxOpenCases = incoming.MaxOpenCases },
                "active" => result with { Active = incoming.Active },
                _ => result,
            };
        }

        return result;
    }

    private static bool SameProfile(MemberProfile a, MemberProfile b) =>
        a with { Languages = Array.Empty<string>(), NotificationChannels = Array.Empty<NotificationChannel>() }
            == b with { Languages = Array.Empty<string>(), NotificationChannels = Array.Empty<NotificationChannel>() }
        && a.Languages.SequenceEqual(b.Languages) && a.NotificationChannels.SequenceEqual(b.NotificationChannels);

    private void Touch(Instant now)
    {
        Version++;
        UpdatedAt = now;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{1,18}[0-9]$")]
    private static partial Regex PhonePattern();
}
