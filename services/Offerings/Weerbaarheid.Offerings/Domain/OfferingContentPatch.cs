using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.Offerings.Domain;

/// <summary>
/// Applies an update mask: replaces exactly the named parts of an offering's content with the
/// incoming values. Paths are those of the public contract (snake_case); "*" replaces everything.
/// </summary>
public static class OfferingContentPatch
{
    private static readonly Dictionary<string, Func<OfferingContent, OfferingContent, OfferingContent>> Setters = new()
    {
        ["title"] = (c, n) => c with { Title = n.Title },
        ["title.nl"] = (c, n) => c with { Title = c.Title with { Nl = n.Title.Nl } },
        ["title.en"] = (c, n) => c with { Title = c.Title with { En = n.Title.En } },
        ["summary"] = (c, n) => c with { Summary = n.Summary },
        ["summary.nl"] = (c, n) => c with { Summary = c.Summary with { Nl = n.Summary.Nl } },
        ["summary.en"] = (c, n) => c with { Summary = c.Summary with { En = n.Summary.En } },
        ["description"] = (c, n) => c with { Description = n.Description },
        ["description.nl"] = (c, n) => c with { Description = c.Description with { Nl = n.Description.Nl } },
        ["description.en"] = (c, n) => c with { Description = c.Description with { En = n.Description.En } },
        ["category"] = (c, n) => c with { Category = n.Category },
        ["audiences"] = (c, n) => c with { Audiences = n.Audiences },
        ["topics"] = (c, n) => c with { Topics = n.Topics },
        ["availability"] = (c, n) => c with { Availability = n.Availability },
        ["availability.around_the_clock"] = (c, n) => c with { Availability = c.Availability with { AroundTheClock = n.Availability.AroundTheClock } },
        ["availability.hours"] = (c, n) => c with { Availability = c.Availability with { Hours = n.Availability.Hours } },
        ["access"] = (c, n) => c with { Access = n.Access },
        ["access.method"] = (c, n) => c with { Access = c.Access with { Method = n.Access.Method } },
        ["access.url"] = (c, n) => c with { Access = c.Access with { Url = n.Access.Url } },
        ["access.instructions"] = (c, n) => c with { Access = c.Access with { Instructions = n.Access.Instructions } },
        ["contact_channels"] = (c, n) => c with { ContactChannels = n.ContactChannels },
        ["eligibility"] = (c, n) => c with { Eligibility = n.Eligibility },
        ["provider"] = (c, n) => c with { Provider = n.Provider },
    };

    public static IEnumerable<string> EditablePaths => Setters.Keys;

    /// <summary>Adds a violation on <paramref name="field"/> for a missing mask or any unknown path.</summary>
    public static void CheckPaths(Validation validation, string field, IReadOnlyCollection<string> paths)
    {
        if (paths.Count == 0)
        {
            validation.Add(field, "Required: name the fields to change, or \"*\" for all.");
            return;
        }

        foreach (var path in paths.Where(p => p != "*" && !Setters.ContainsKey(p)))
        {
            validation.Add(field, $"Unknown or read-only field \"{path}\". Editable: {string.Join(", ", Setters.Keys.Where(k => !k.Contains('.')))} (and their sub-fields).");
        }
    }

    public static OfferingContent Apply(OfferingContent current, OfferingContent incoming, IReadOnlyCollection<string> paths)
    {
        if (paths.Contains("*"))
        {
            return incoming;
        }

        // Whole fields first, then sub-fields, so "title" followed by "title.nl" behaves as one would expect.
        return paths.OrderBy(p => p.Count(ch => ch == '.'))
            .Aggregate(current, (content, path) => Setters[path](content, incoming));
    }
}
