using Weerbaarheid.PeerSupport.Domain.Rota;

namespace Weerbaarheid.PeerSupport.Domain.Dispatch;

/// <summary>
/// Which regions help out when a region has nobody left, nearest first. The regional units border as
/// on the map; the national units (based in Driebergen) lean on Midden-Nederland.
/// </summary>
public static class NeighbouringRegions
{
    private static readonly Dictionary<Region, Region[]> Map = new()
    {
        [Region.NoordNederland] = [Region.OostNederland, Region.NoordHolland],
        [Region.OostNederland] = [Region.NoordNederland, Region.MiddenNederland, Region.OostBrabant, Region.Limburg],
        [Region.MiddenNederland] = [Region.Amsterdam, Region.OostNederland, Region.NoordHolland, Region.DenHaag, Region.Rotterdam, Region.OostBrabant],
        [Region.NoordHolland] = [Region.Amsterdam, Region.MiddenNederland, Region.NoordNederland, Region.DenHaag],
        [Region.Amsterdam] = [Region.NoordHolland, Region.MiddenNederland],
        [Region.DenHaag] = [Region.Rotterdam, Region.MiddenNederland, Region.NoordHolland],
        [Region.Rotterdam] = [Region.DenHaag, Region.ZeelandWestBrabant, Region.MiddenNederland],
        [Region.ZeelandWestBrabant] = [Region.Rotterdam, Region.OostBrabant],
        [Region.OostBrabant] = [Region.ZeelandWestBrabant, Region.Limburg, Region.OostNederland, Region.MiddenNederland],
        [Region.Limburg] = [Region.OostBrabant, Region.OostNederland],
        [Region.LandelijkeEenheid] = [Region.MiddenNederland],
    };

    public static IReadOnlyList<Region> Of(Region region) => Map.GetValueOrDefault(region) ?? [];
}
