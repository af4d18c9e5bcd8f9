using System.Text.RegularExpressions;

namespace Weerbaarheid.SignalTraining.Domain.Coverage;

/// <summary>A manager of an organisation unit, as the HR roster says: the basis of the coverage figures.</summary>
public sealed partial record UnitManager(string UnitId, string EmployeeId)
{
    public const string CollectionPrefix = "units/";

    public static string NameOf(string unitId) => CollectionPrefix + unitId;

    /// <summary>The unit id in <c>units/{id}</c>, or null.</summary>
    public static string? ParseUnit(string? name)
    {
        var match = name is null ? null : UnitName().Match(name);
        return match is { Success: true } ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^units/([a-z0-9]+(?:-[a-z0-9]+)*)\z")]
    private static partial Regex UnitName();
}
