using System.Net.Mail;
using System.Text.RegularExpressions;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Domain;

/// <summary>What makes an offering valid. Field paths are those of the public contract (snake_case).</summary>
public static partial class OfferingRules
{
    public const int MaxTitle = 120;
    public const int MaxSummary = 500;
    public const int MaxDescription = 5000;
    public const int MaxShortText = 1000;
    public const int MaxProvider = 200;
    public const int MaxContactChannels = 10;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{1,18}[0-9]$")]
    private static partial Regex PhonePattern();

    public static bool IsValidSlug(string slug) => SlugPattern().IsMatch(slug) && !slug.Contains("--", StringComparison.Ordinal);

    public static void CheckSlug(Validation validation, string field, string slug)
    {
        if (string.IsNullOrEmpty(slug))
        {
            validation.Add(field, "Required.");
        }
        else if (!IsValidSlug(slug))
        {
            validation.Add(field, "Must be 3–63 characters of a–z, 0–9 and single '-', starting with a letter and not ending with '-'.");
        }
    }

    /// <summary>Adds a violation for every invalid field of <paramref name="content"/> (already normalised).</summary>
    public static void Check(Validation v, string prefix, OfferingContent content)
    {
        Text(v, $"{prefix}.title", content.Title, MaxTitle, required: true);
        Text(v, $"{prefix}.summary", content.Summary, MaxSummary, required: true);
        Text(v, $"{prefix}.description", content.Description, MaxDescription, required: true);
        v.Require(content.Category != Category.Unspecified && Enum.IsDefined(content.Category),
            $"{prefix}.category", "Required: one of the defined categories.");
        Values(v, $"{prefix}.audiences", content.Audiences, "audience");
        Values(v, $"{prefix}.topics", content.Topics, "topic");

        Text(v, $"{prefix}.availability.hours", content.Availability.Hours, MaxShortText,
            required: !content.Availability.AroundTheClock,
            requiredReason: "Required in Dutch and English when the offering is not available around the clock.");

        v.Require(content.Access.Method != AccessMethod.Unspecified && Enum.IsDefined(content.Access.Method),
            $"{prefix}.access.method", "Required: one of the defined access methods.");
        if (content.Access.Url.Length > 0 && !IsHttpsUrl(content.Access.Url))
        {
            v.Add($"{prefix}.access.url", "Must be an absolute https:// URL.");
        }

        Text(v, $"{prefix}.access.instructions", content.Access.Instructions, MaxShortText, required: false);

        if (content.ContactChannels.Count > MaxContactChannels)
        {
            v.Add($"{prefix}.contact_channels", $"At most {MaxContactChannels} contact channels.");
        }

        for (var i = 0; i < content.ContactChannels.Count; i++)
        {
            Channel(v, $"{prefix}.contact_channels[{i}]", content.ContactChannels[i]);
        }

        Text(v, $"{prefix}.eligibility", content.Eligibility, MaxShortText, required: false);
        if (content.Provider.Length == 0)
        {
            v.Add($"{prefix}.provider", "Required.");
        }
        else if (content.Provider.Length > MaxProvider)
        {
            v.Add($"{prefix}.provider", $"At most {MaxProvider} characters.");
        }
    }

    private static void Channel(Validation v, string field, ContactChannel channel)
    {
        var value = channel.Value;
        switch (channel.Kind)
        {
            case ContactChannelKind.Phone:
                v.Require(PhonePattern().IsMatch(value), $"{field}.value", "A phone number: digits, spaces and '-', optionally starting with '+'.");
                break;
            case ContactChannelKind.Email:
                v.Require(MailAddress.TryCreate(value, out var mail) && mail.Address == value && value.Length <= 254,
                    $"{field}.value", "An e-mail address.");
                break;
            case ContactChannelKind.Website or ContactChannelKind.Intranet:
                v.Require(IsHttpsUrl(value), $"{field}.value", "An absolute https:// URL.");
                break;
            default:
                v.Add($"{field}.kind", "Required: one of the defined channel kinds.");
                break;
        }

        Text(v, $"{field}.label", channel.Label, MaxTitle, required: true);
    }

    private static void Values<T>(Validation v, string field, IReadOnlyList<T> values, string noun) where T : struct, Enum
    {
        if (values.Count == 0)
        {
            v.Add(field, $"At least one {noun}.");
        }
        else if (values.Any(value => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0 || !Enum.IsDefined(value)))
        {
            v.Add(field, $"Every {noun} must be one of the defined values (not UNSPECIFIED).");
        }
    }

    private static void Text(Validation v, string field, LocalizedText text, int max, bool required, string? requiredReason = null)
    {
        foreach (var (language, value) in new[] { ("nl", text.Nl), ("en", text.En) })
        {
            if (required && value.Length == 0)
            {
                v.Add($"{field}.{language}", requiredReason ?? "Required.");
            }
            else if (value.Length > max)
            {
                v.Add($"{field}.{language}", $"At most {max} characters.");
            }
        }
    }

    private static bool IsHttpsUrl(string value) =>
        value.Length <= 2048 && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
