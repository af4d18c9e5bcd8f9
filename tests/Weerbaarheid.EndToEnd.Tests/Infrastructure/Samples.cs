using Grpc.Core;
using Weerbaarheid.Offerings.V1;
using Weerbaarheid.ServiceDefaults.Auth;

namespace Weerbaarheid.EndToEnd.Tests.Infrastructure;

/// <summary>Offerings and callers for the tests. Test offerings' slugs start with "e2e-", seeded ones never do.</summary>
public static class Samples
{
    public const string TestSlugPrefix = "e2e-";

    /// <summary>A fresh slug, so the tests never collide with each other or with the seeded catalogue.</summary>
    public static string NewSlug(string what) => $"{TestSlugPrefix}{what}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A valid offering, as an administrator would create it.</summary>
    public static Offering NewOffering(string title) => new()
    {
        Title = new LocalizedText { Nl = title, En = title },
        Summary = new LocalizedText { Nl = "Een aanbod om de keten te testen.", En = "An offering to test the chain." },
        Description = new LocalizedText { Nl = "Bestaat alleen in de end-to-endtests.", En = "Exists only in the end-to-end tests." },
        Category = Category.SelfHelp,
        Audiences = { Audience.Employee },
        Topics = { Topic.Stress },
        Availability = new Availability { AroundTheClock = true },
        Access = new Access { Method = AccessMethod.SelfService, Url = "https://example.org/e2e" },
        Provider = "Weerbaarheid end-to-end tests",
    };

    /// <summary>Call metadata carrying a development token for <paramref name="role"/>.</summary>
    public static Metadata As(string role) => new()
    {
        { "Authorization", $"Bearer {DevelopmentTokens.Mint($"e2e-{role}", [role])}" },
    };

    public static Metadata ProgrammeAdmin => As(Roles.ProgrammeAdmin);

    /// <summary>A deadline for every call, as everywhere in the suite.</summary>
    public static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);
}
