namespace Weerbaarheid.Offerings.Client;

/// <summary>What a service tells its reader when recommendations did not come from Offerings just now, in both languages.</summary>
public static class RecommendationNotes
{
    public const string LocalCopyNl =
        "De aanbevelingen komen uit een eerder opgeslagen overzicht van het aanbod, omdat de actuele catalogus nu niet bereikbaar is. Ze kunnen iets achterlopen.";

    public const string LocalCopyEn =
        "These recommendations come from an earlier saved copy of the catalogue, because the current catalogue cannot be reached right now. They may be slightly out of date.";
}
