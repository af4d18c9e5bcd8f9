using NodaTime;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain;
using Weerbaarheid.SignalTraining.Domain.Courses;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class CourseCatalogueTests
{
    private static readonly LocalizedText Text = new("Tekst", "Text");

    [Fact]
    public void The_shipped_catalogue_holds_exactly_the_four_courses_of_the_programme()
    {
        Assert.Equal(
            ["collegas-in-de-knel", "mental-resilience-training", "signal-training", "tco-basic-training"],
            Catalogue.All.Select(c => c.Code));
        Assert.Equal("courses/collegas-in-de-knel", TightSpot.Name);
        Assert.Equal("Colleagues in a tight spot", TightSpot.Title.En);
        Assert.Equal("Collega's in de knel", TightSpot.Title.Nl);
    }

    [Fact]
    public void Every_shipped_course_has_no_problems()
    {
        Assert.All(Catalogue.All, course => Assert.Empty(CourseCatalogue.Problems(course)));
    }

    [Theory]
    [InlineData("collegas-in-de-knel", 1095, 0)]
    [InlineData("mental-resilience-training", 1095, 60)]
    [InlineData("signal-training", 1095, 60)]
    [InlineData("tco-basic-training", 730, 60)]
    public void Shipped_courses_have_their_defined_validity_and_refresher_lead(string code, int validityDays, int leadDays)
    {
        var course = Catalogue.Find(code)!;

        Assert.Equal(Duration.FromDays(validityDays), course.CertificateValidity);
        Assert.Equal(Duration.FromDays(leadDays), course.RefresherLead);
        Assert.Null(course.ValidityOverride);
        Assert.Null(course.RefresherLeadOverride);
    }

    [Fact]
    public void The_signal_training_is_for_managers_by_role()
    {
        Assert.Equal(["manager"], SignalCourse.AudienceRoles);
        var rule = Assert.IsType<RoleRequired>(Assert.Single(SignalCourse.EligibilityRules));
        Assert.Equal(["manager"], rule.Roles);
    }

    /// <summary>A copy of the shipped tight-spot course broken in one way.</summary>
    private static Course Broken(string kind)
    {
        var course = TightSpot;
        return kind switch
        {
            "rule reads an unasked question" => course with
            {
                EligibilityRules = [.. course.EligibilityRules, new AnswerRequired("extra", Text, "not-asked")],
            },
            "question no rule reads" => course with
            {
                EligibilityQuestions = [.. course.EligibilityQuestions, new EligibilityQuestion("unread", Text, Text)],
            },
            "duplicate question id" => course with
            {
                EligibilityQuestions = [.. course.EligibilityQuestions, course.EligibilityQuestions[0]],
            },
            "duplicate rule id" => course with { EligibilityRules = [.. course.EligibilityRules, course.EligibilityRules[0]] },
            "title without English" => course with { Title = new LocalizedText("Collega's in de knel", " ") },
            "summary without Dutch" => course with { Summary = new LocalizedText("", "Summary") },
            "terms without English" => course with { Terms = new LocalizedText("Voorwaarden", "") },
            "no modules" => course with { Modules = [] },
            "module without description" => course with
            {
                Modules = [.. course.Modules, new CourseModule(Text, new LocalizedText("Beschrijving", ""))],
            },
            "question without explanation" => course with
            {
                EligibilityQuestions = [course.EligibilityQuestions[0] with { Explanation = new LocalizedText("", "") }, .. course.EligibilityQuestions.Skip(1)],
            },
            "rule without Dutch reason" => course with
            {
                EligibilityRules = [course.EligibilityRules[0] with { Reason = new LocalizedText("", "Reason") }, .. course.EligibilityRules.Skip(1)],
            },
            "audience role that cannot apply" => course with { AudienceRoles = ["trainer"] },
            "audience without a matching role rule" => course with { AudienceRoles = ["manager"] },
            "role rule naming a role that cannot apply" => course with
            {
                EligibilityRules = [.. course.EligibilityRules, new RoleRequired("staff", Text, ["programme-admin"])],
            },
            "role rule naming no role" => course with { EligibilityRules = [.. course.EligibilityRules, new RoleRequired("staff", Text, [])] },
            "validity 0" => course with { CertificateValidityDays = 0 },
            "validity over ten years" => course with { CertificateValidityDays = 3661 },
            "refresher lead equal to validity" => course with { RefresherLeadDays = 1095 },
            "refresher lead over validity" => course with { RefresherLeadDays = 1200 },
            "negative refresher lead" => course with { RefresherLeadDays = -1 },
            "code not a slug" => course with { Code = "Collegas_In_De_Knel" },
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static TheoryData<string, string, int> BrokenDefinitions => new()
    {
        { "rule reads an unasked question", "rule 'extra' reads question 'not-asked', which the course does not ask.", 1 },
        { "question no rule reads", "question 'unread' is asked but no rule reads it.", 1 },
        { "duplicate question id", "question 'union-member' is defined more than once.", 1 },
        { "duplicate rule id", "rule 'union-member' is defined more than once.", 1 },
        { "title without English", "the title needs Dutch and English.", 1 },
        { "summary without Dutch", "the summary needs Dutch and English.", 1 },
        { "terms without English", "the terms needs Dutch and English.", 1 },
        { "no modules", "needs at least one module", 1 },
        { "module without description", "needs at least one module, each with a title and description in Dutch and English.", 1 },
        { "question without explanation", "question 'union-member' needs a lowercase id and its text and explanation in Dutch and English.", 1 },
        { "rule without Dutch reason", "rule 'union-member' needs its reason in Dutch and English.", 1 },
        // The bad role, and no roleRequired rule enforcing that audience.
        { "audience role that cannot apply", "audience role 'trainer' cannot apply for courses", 2 },
        { "audience without a matching role rule", "its audience (manager) needs a roleRequired rule with the same roles.", 1 },
        { "role rule naming a role that cannot apply", "rule 'staff' must name roles that can apply", 1 },
        { "role rule naming no role", "rule 'staff' must name roles that can apply", 1 },
        // A validity of 0 also makes the (zero) refresher lead not shorter than the validity.
        { "validity 0", "a certificate is valid for more than nothing and at most 3660 days", 2 },
        { "validity over ten years", "a certificate is valid for more than nothing and at most 3660 days", 1 },
        { "refresher lead equal to validity", "the refresher lead (1095:00:00:00) must be zero (no refresher) or more, and shorter than the validity", 1 },
        { "refresher lead over validity", "the refresher lead (1200:00:00:00)", 1 },
        { "negative refresher lead", "the refresher lead (-1:00:00:00)", 1 },
        { "code not a slug", "the code must be lowercase letters, digits and hyphens.", 1 },
    };

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void Problems_catches_each_kind_of_broken_definition(string kind, string expected, int count)
    {
        var course = Broken(kind);

        var problems = CourseCatalogue.Problems(course).ToList();

        Assert.Equal(count, problems.Count);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.StartsWith($"Course '{course.Code}': ", p));
    }

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void A_catalogue_with_a_broken_definition_refuses_to_start_naming_the_course(string kind, string expected, int count)
    {
        _ = count;
        var course = Broken(kind);

        var error = Assert.Throws<InvalidOperationException>(() => new CourseCatalogue([SignalCourse, course]));

        Assert.Contains($"Course '{course.Code}': ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("signal-training", error.Message);
    }

    [Fact]
    public void Every_problem_of_a_definition_is_reported_at_once()
    {
        var course = TightSpot with
        {
            Title = new LocalizedText("", "Colleagues in a tight spot"),
            AudienceRoles = ["trainer"],
            RefresherLeadDays = 2000,
            EligibilityRules = [.. TightSpot.EligibilityRules.Skip(1), new AnswerRequired("extra", Text, "not-asked")],
        };

        var problems = CourseCatalogue.Problems(course).ToList();

        Assert.Equal(6, problems.Count);
        Assert.Contains("Course 'collegas-in-de-knel': the title needs Dutch and English.", problems);
        Assert.Contains("Course 'collegas-in-de-knel': its audience (trainer) needs a roleRequired rule with the same roles.", problems);
        Assert.Contains(problems, p => p.Contains("audience role 'trainer'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the refresher lead (2000:00:00:00)", StringComparison.Ordinal));
        Assert.Contains("Course 'collegas-in-de-knel': rule 'extra' reads question 'not-asked', which the course does not ask.", problems);
        Assert.Contains("Course 'collegas-in-de-knel': question 'union-member' is asked but no rule reads it.", problems);
    }

    [Fact]
    public void A_course_defined_twice_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new CourseCatalogue([TightSpot, SignalCourse, TightSpot]));

        Assert.Contains("collegas-in-de-knel is defined more than once.", error.Message);
    }

    [Fact]
    public void Configured_validity_and_refresher_lead_replace_the_defined_ones()
    {
        var catalogue = CourseCatalogue.Shipped(new Dictionary<string, CourseSettings>
        {
            ["tco-basic-training"] = new() { CertificateValidity = TimeSpan.FromDays(365), RefresherLead = TimeSpan.FromDays(30) },
            ["signal-training"] = new() { RefresherLead = TimeSpan.FromHours(12) },
        });

        var tco = catalogue.Find("tco-basic-training")!;
        Assert.Equal(Duration.FromDays(365), tco.CertificateValidity);
        Assert.Equal(Duration.FromDays(30), tco.RefresherLead);
        Assert.Equal(730, tco.CertificateValidityDays);

        var signal = catalogue.Find("signal-training")!;
        Assert.Equal(Duration.FromDays(1095), signal.CertificateValidity);
        Assert.Equal(Duration.FromHours(12), signal.RefresherLead);

        var tightSpot = catalogue.Find("collegas-in-de-knel")!;
        Assert.Equal(Duration.FromDays(1095), tightSpot.CertificateValidity);
        Assert.Equal(Duration.Zero, tightSpot.RefresherLead);
    }

    [Fact]
    public void Configuration_naming_an_unknown_course_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CourseCatalogue.Shipped(new Dictionary<string, CourseSettings>
        {
            ["first-aid"] = new() { CertificateValidity = TimeSpan.FromDays(365) },
        }));

        Assert.Contains("first-aid", error.Message);
        Assert.Contains("tco-basic-training", error.Message);
    }

    [Fact]
    public void A_configured_validity_shorter_than_the_refresher_lead_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CourseCatalogue.Shipped(new Dictionary<string, CourseSettings>
        {
            ["tco-basic-training"] = new() { CertificateValidity = TimeSpan.FromDays(30) },
        }));

        Assert.Contains("Course 'tco-basic-training': the refresher lead", error.Message);
    }

    [Fact]
    public void Named_finds_a_course_by_its_resource_name()
    {
        Assert.Same(Catalogue.Find("tco-basic-training"), Catalogue.Named("courses/tco-basic-training", "course"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tco-basic-training")]
    [InlineData("course/tco-basic-training")]
    [InlineData("Courses/tco-basic-training")]
    public void Named_refuses_what_is_no_course_name_on_the_field(string? name)
    {
        var error = Assert.Throws<ValidationFailedException>(() => Catalogue.Named(name, "enrolment.course"));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("enrolment.course", violation.Field);
        Assert.Contains("courses/{code}", violation.Description);
    }

    [Theory]
    [InlineData("courses/first-aid")]
    [InlineData("courses/")]
    [InlineData("courses/TCO-basic-training")]
    public void Named_does_not_find_an_unknown_course(string name)
    {
        var error = Assert.Throws<NotFoundException>(() => Catalogue.Named(name, "course"));

        Assert.Equal(name, error.ResourceName);
    }
}
