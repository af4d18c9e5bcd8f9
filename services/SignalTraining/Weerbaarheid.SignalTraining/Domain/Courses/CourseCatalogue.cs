using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SignalTraining.Domain.Courses;

/// <summary>
/// How long a course's certificate is valid and how long before expiry its refresher is due, set in
/// configuration (e.g. <c>SignalTraining:Courses:tco-basic-training:CertificateValidity = 730.00:00:00</c>).
/// </summary>
public sealed class CourseSettings
{
    public TimeSpan? CertificateValidity { get; set; }
    public TimeSpan? RefresherLead { get; set; }
}

/// <summary>
/// The programme's courses, read from the JSON definitions shipped with the service (Courses/*.json) and
/// checked once at start-up, so a rule that points nowhere stops the service instead of turning people away.
/// Certificate validity and refresher lead can be set per course in configuration.
/// </summary>
public sealed partial class CourseCatalogue
{
    /// <summary>Roles that may apply for a course at all; a course's audience narrows it.</summary>
    public static readonly IReadOnlySet<string> ApplicantRoles = new HashSet<string> { Roles.Employee, Roles.Manager, Roles.TcoMember };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowOutOfOrderMetadataProperties = true,
        RespectRequiredConstructorParameters = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<string, Course> _courses;

    public CourseCatalogue(IEnumerable<Course> courses)
    {
        var all = courses.ToArray();
        var problems = all.SelectMany(Problems).ToList();
        problems.AddRange(all.GroupBy(c => c.Code).Where(g => g.Count() > 1).Select(g => $"{g.Key} is defined more than once."));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid course definitions:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", problems)}");
        }

        _courses = all.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    /// <summary>The definitions shipped in this assembly, with configured validity and refresher lead.</summary>
    public static CourseCatalogue Shipped(IReadOnlyDictionary<string, CourseSettings>? settings = null)
    {
        var assembly = typeof(CourseCatalogue).Assembly;
        var courses = assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal) && n.Contains(".Courses.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Read(assembly, n))
            .ToArray();
        settings ??= new Dictionary<string, CourseSettings>();
        var unknown = settings.Keys.Where(code => courses.All(c => c.Code != code)).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidOperationException(
                $"SignalTraining:Courses names unknown course(s) {string.Join(", ", unknown)}; the courses are {string.Join(", ", courses.Select(c => c.Code))}.");
        }

        return new CourseCatalogue(courses.Select(course => settings.TryGetValue(course.Code, out var set)
            ? course with
            {
                ValidityOverride = set.CertificateValidity is { } validity ? Duration.FromTimeSpan(validity) : null,
                RefresherLeadOverride = set.RefresherLead is { } lead ? Duration.FromTimeSpan(lead) : null,
            }
            : course));
    }

    public static Course Parse(string json) =>
        JsonSerializer.Deserialize<Course>(json, Json) ?? throw new JsonException("A course definition is empty.");

    /// <summary>Every course, by code.</summary>
    public IReadOnlyList<Course> All => _courses.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    public Course? Find(string code) => _courses.GetValueOrDefault(code);

    /// <summary>The course a request names (<c>courses/{code}</c>); NOT_FOUND when there is none, INVALID_ARGUMENT when it is no name.</summary>
    public Course Named(string? name, string field)
    {
        if (string.IsNullOrEmpty(name) || !name.StartsWith(Course.CollectionPrefix, StringComparison.Ordinal))
        {
            throw new ValidationFailedException([new FieldViolation(field, "A course is named courses/{code}, e.g. courses/tco-basic-training.")]);
        }

        return Find(name[Course.CollectionPrefix.Length..]) ?? throw new NotFoundException(name);
    }

    /// <summary>What is wrong with a definition; empty when it can be used.</summary>
    public static IEnumerable<string> Problems(Course course)
    {
        var at = $"Course '{course.Code}':";
        if (!Slug().IsMatch(course.Code))
        {
            yield return $"{at} the code must be lowercase letters, digits and hyphens.";
        }

        foreach (var (text, what) in new[] { (course.Title, "title"), (course.Summary, "summary"), (course.Terms, "terms") })
        {
            if (!text.IsComplete)
            {
                yield return $"{at} the {what} needs Dutch and English.";
            }
        }

        if (course.Modules.Count == 0 || course.Modules.Any(m => !m.Title.IsComplete || !m.Description.IsComplete))
        {
            yield return $"{at} needs at least one module, each with a title and description in Dutch and English.";
        }

        foreach (var role in course.AudienceRoles.Where(r => !ApplicantRoles.Contains(r)))
        {
            yield return $"{at} audience role '{role}' cannot apply for courses; use {string.Join(", ", ApplicantRoles)}.";
        }

        if (course.CertificateValidity <= Duration.Zero || course.CertificateValidity > Duration.FromDays(3660))
        {
            yield return $"{at} a certificate is valid for more than nothing and at most 3660 days, not {course.CertificateValidity}.";
        }

        if (course.RefresherLead < Duration.Zero || course.RefresherLead >= course.CertificateValidity)
        {
            yield return $"{at} the refresher lead ({course.RefresherLead}) must be zero (no refresher) or more, and shorter than the validity ({course.CertificateValidity}).";
        }

        var questions = course.EligibilityQuestions.Select(q => q.Id).ToList();
        foreach (var duplicate in questions.GroupBy(q => q).Where(g => g.Count() > 1))
        {
            yield return $"{at} question '{duplicate.Key}' is defined more than once.";
        }

        foreach (var question in course.EligibilityQuestions.Where(q => !Slug().IsMatch(q.Id) || !q.Text.IsComplete || !q.Explanation.IsComplete))
        {
            yield return $"{at} question '{question.Id}' needs a lowercase id and its text and explanation in Dutch and English.";
        }

        foreach (var duplicate in course.EligibilityRules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            yield return $"{at} rule '{duplicate.Key}' is defined more than once.";
        }

        foreach (var rule in course.EligibilityRules)
        {
            if (!rule.Reason.IsComplete)
            {
                yield return $"{at} rule '{rule.Id}' needs its reason in Dutch and English.";
            }

            foreach (var question in rule.Questions.Where(q => !questions.Contains(q)))
            {
                yield return $"{at} rule '{rule.Id}' reads question '{question}', which the course does not ask.";
            }

            if (rule is RoleRequired { Roles: var roles } && (roles.Count == 0 || roles.Any(r => !ApplicantRoles.Contains(r))))
            {
                yield return $"{at} rule '{rule.Id}' must name roles that can apply ({string.Join(", ", ApplicantRoles)}).";
            }
        }

        // The audience is what clients show; the rule is what is enforced. They must say the same.
        if (course.AudienceRoles.Count > 0 && !course.EligibilityRules.OfType<RoleRequired>()
                .Any(r => r.Roles.ToHashSet().SetEquals(course.AudienceRoles)))
        {
            yield return $"{at} its audience ({string.Join(", ", course.AudienceRoles)}) needs a roleRequired rule with the same roles.";
        }

        foreach (var unused in questions.Where(q => course.EligibilityRules.All(r => !r.Questions.Contains(q))))
        {
            yield return $"{at} question '{unused}' is asked but no rule reads it.";
        }
    }

    private static Course Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        try
        {
            return JsonSerializer.Deserialize<Course>(stream, Json) ?? throw new JsonException("empty");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Course definition {resource} cannot be read: {e.Message}", e);
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex Slug();
}
