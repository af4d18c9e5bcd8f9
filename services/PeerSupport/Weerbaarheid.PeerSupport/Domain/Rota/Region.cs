namespace Weerbaarheid.PeerSupport.Domain.Rota;

/// <summary>The ten regional units and the national units; names and numbers mirror the contract's Region.</summary>
public enum Region
{
    Unspecified = 0,
    NoordNederland = 1,
    OostNederland = 2,
    MiddenNederland = 3,
    NoordHolland = 4,
    Amsterdam = 5,
    DenHaag = 6,
    Rotterdam = 7,
    ZeelandWestBrabant = 8,
    OostBrabant = 9,
    Limburg = 10,
    LandelijkeEenheid = 11,
}

/// <summary>Region resource names: <c>regions/amsterdam</c>, <c>regions/zeeland-west-brabant</c>.</summary>
public static class Regions
{
    public const string CollectionPrefix = "regions/";

    private static readonly Dictionary<Region, string> Slugs = new()
    {
        [Region.NoordNederland] = "noord-nederland",
        [Region.OostNederland] = "oost-nederland",
        [Region.MiddenNederland] = "midden-nederland",
        [Region.NoordHolland] = "noord-holland",
        [Region.Amsterdam] = "amsterdam",
        [Region.DenHaag] = "den-haag",
        [Region.Rotterdam] = "rotterdam",
        [Region.ZeelandWestBrabant] = "zeeland-west-brabant",
        [Region.OostBrabant] = "oost-brabant",
        [Region.Limburg] = "limburg",
        [Region.LandelijkeEenheid] = "landelijke-eenheid",
    };

    private static readonly Dictionary<string, Region> BySlug = Slugs.ToDictionary(p => p.Value, p => p.Key);

    public static IReadOnlyCollection<Region> All => Slugs.Keys;

    public static string Slug(this Region region) => Slugs[region];

    public static string ResourceName(this Region region) => CollectionPrefix + Slugs[region];

    /// <summary>Parses <c>regions/{slug}</c>; false for anything else.</summary>
    public static bool TryParse(string name, out Region region)
    {
        region = Region.Unspecified;
        return name.StartsWith(CollectionPrefix, StringComparison.Ordinal)
               && BySlug.TryGetValue(name[CollectionPrefix.Length..], out region);
    }

    /// <summary>Parses <c>regions/{region}/{collection}/{id}</c>, e.g. <c>regions/amsterdam/overrides/...</c>.</summary>
    public static bool TryParseChild(string name, string collection, out Region region, out string id)
    {
        id = "";
        var marker = name.LastIndexOf($"/{collection}/", StringComparison.Ordinal);
        if (marker < 0 || !TryParse(name[..marker], out region))
        {
            region = Region.Unspecified;
            return false;
        }

        id = name[(marker + collection.Length + 2)..];
        return id.Length > 0;
    }

    /// <summary>Parses a bare slug, as in a token's <c>region</c> claim.</summary>
    public static bool TryParseSlug(string slug, out Region region) => BySlug.TryGetValue(slug, out region);
}
